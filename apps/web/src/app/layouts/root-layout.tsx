import { Outlet, useNavigation } from "react-router";
import { useFocusOnNavigation } from "./use-focus-on-navigation";

export function RootLayout() {
  useFocusOnNavigation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <>
      <div className={busy ? "progress progress--busy" : "progress"} aria-hidden="true" />
      <Outlet />
    </>
  );
}
