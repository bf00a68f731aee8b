#!/usr/bin/env node
// Runs before anything else on `npm start` and `npx vouch`: on a Node too old to run the
// TypeScript sources (type stripping without a flag came in 22.18 and 23.6; Node 23 is not
// supported by the dependencies), say so in one line and exit 1 instead of dying with
// ERR_UNKNOWN_FILE_EXTENSION ".ts". Plain JS with no dependencies: it must run on any old Node.
// Keep the range in step with "engines" in package.json and the README.

/** Whether `version` ("22.18.0", "v24.1.0") can run Vouch: 22.18 or later on 22, or 24+. */
export function supported(version) {
  const parts = String(version).replace(/^v/, '').split('.');
  const major = Number(parts[0]);
  const minor = Number(parts[1]);
  if (major === 22) return minor >= 18;
  return major >= 24;
}

/** The one line said on an unsupported Node: what is needed, what was found, where to read. */
export function tooOldMessage(version, execPath) {
  const found = String(version).replace(/^v/, '');
  return `Vouch needs Node.js 24 or later (or 22.18+ on the 22 line; not 23); found Node ${found} at ${execPath}. README.md, "Getting Node 24", says how to install it beside this one.`;
}

/** Exits 1 with the one line when this Node cannot run Vouch; returns otherwise. */
export function checkNode() {
  if (supported(process.versions.node)) return;
  process.stderr.write(`${tooOldMessage(process.versions.node, process.execPath)}\n`);
  process.exit(1);
}

// Run as a script (`node scripts/check-node.js`): check and exit.
if (process.argv[1] && /check-node\.js$/.test(process.argv[1])) checkNode();
