// Inside `prisma.$transaction(async (tx) => …)` every read and write goes through `tx`. A call on the
// outer client there runs on another connection, outside the transaction: it does not roll back with
// it, and it cannot see the transaction's own uncommitted rows. This rule reports the outer client
// (an identifier named `prisma` or `db` declared outside the callback, or `this.prisma`/`this.db`)
// used anywhere inside the callback, nested functions included.
//
// Options: `names` (the outer clients' names) and `calls` (the calls whose function argument runs in a
// transaction: `x.$transaction(fn)` by default; a plain name also matches `name(fn)`).

const DEFAULT_NAMES = ["prisma", "db"];
const DEFAULT_CALLS = ["$transaction"];

/** @param {import("estree").Node} node */
const isFunction = (node) =>
  node.type === "ArrowFunctionExpression" ||
  node.type === "FunctionExpression" ||
  node.type === "FunctionDeclaration";

/** @param {import("estree").Node} outer @param {import("estree").Node} inner */
const contains = (outer, inner) =>
  outer !== inner && outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];

/** `typeof prisma.client` in a type annotation: no use at run time. */
const inTypeQuery = (node) => {
  let parent = node.parent;
  while (parent?.type === "TSQualifiedName") parent = parent.parent;
  return parent?.type === "TSTypeQuery";
};

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Inside a $transaction callback use only the transaction client." },
    schema: [
      {
        type: "object",
        properties: {
          names: { type: "array", items: { type: "string" }, uniqueItems: true },
          calls: { type: "array", items: { type: "string" }, uniqueItems: true },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ names: DEFAULT_NAMES, calls: DEFAULT_CALLS }],
    messages: {
      outerClient:
        "`{{name}}` inside a transaction's callback runs outside the transaction; use the transaction client.",
    },
  },
  create(context) {
    const names = new Set(context.options[0]?.names ?? DEFAULT_NAMES);
    const calls = new Set(context.options[0]?.calls ?? DEFAULT_CALLS);
    /** The callbacks of the $transaction calls around the node being visited, innermost last. */
    const callbacks = [];
    /** A nested $transaction sees its outer client again: report each use once. */
    const reported = new WeakSet();

    /** @param {import("estree").CallExpression} call */
    const callbackOf = (call) => {
      const { callee } = call;
      const [work] = call.arguments;
      const name =
        callee.type === "Identifier"
          ? callee.name
          : callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier"
            ? callee.property.name
            : null;
      const isTransaction = name !== null && calls.has(name);
      return isTransaction &&
        work &&
        (work.type === "ArrowFunctionExpression" || work.type === "FunctionExpression")
        ? work
        : null;
    };

    return {
      CallExpression(call) {
        const work = callbackOf(call);
        if (!work) return;
        callbacks.push(work);
        // References the callback (and every function in it) does not resolve itself: the outer ones.
        for (const reference of context.sourceCode.getScope(work).through) {
          const { identifier } = reference;
          if (!names.has(identifier.name) || reference.isTypeReference || inTypeQuery(identifier)) continue;
          if (reported.has(identifier)) continue;
          reported.add(identifier);
          context.report({ node: identifier, messageId: "outerClient", data: { name: identifier.name } });
        }
      },
      "CallExpression:exit"(call) {
        if (callbacks.at(-1) === callbackOf(call)) callbacks.pop();
      },
      MemberExpression(member) {
        const work = callbacks.at(-1);
        if (!work || !contains(work, member)) return;
        if (member.object.type !== "ThisExpression" || member.computed) return;
        if (member.property.type !== "Identifier" || !names.has(member.property.name)) return;
        // `this` is the outer one when the function that binds it encloses the callback (an arrow
        // callback binds none); a `function` callback has its own.
        const binding = context.sourceCode
          .getAncestors(member)
          .findLast((node) => isFunction(node) && node.type !== "ArrowFunctionExpression");
        if (binding && !contains(binding, work)) return;
        context.report({
          node: member,
          messageId: "outerClient",
          data: { name: `this.${member.property.name}` },
        });
      },
    };
  },
};
