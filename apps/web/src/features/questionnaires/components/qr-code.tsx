import { useEffect, useState } from "react";

/**
 * A QR code of `text` (an SVG drawn by the `qrcode` library, shown as an image). The library is
 * loaded only when a code is shown, so it never weighs on the pages that show none.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    import("qrcode")
      .then((qrcode) => qrcode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 }))
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, [text]);

  if (failed) return <p className="muted">The QR code could not be drawn: copy the link instead.</p>;
  if (!src) return <p className="muted">Drawing the QR code…</p>;
  return <img className="qr-code" src={src} alt={label} width={220} height={220} />;
}
