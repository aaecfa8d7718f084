// A logger with the shape Baileys expects (pino's ILogger: level, child, trace..error) that keeps
// what Baileys reports instead of printing it. Tests then assert on warnings and errors, and a
// failing test can show the last relevant lines. Nothing is printed unless WA_CONFORMANCE_VERBOSE
// is set, because Baileys' log objects can carry key material.

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const KEPT_ENTRIES = 2000;

/**
 * @param {object} options
 * @param {string} [options.level] the level Baileys sees; 'trace' makes it report every stanza it sends
 * @param {(entry: object) => void} [options.onEntry] sees every entry, including trace
 */
export function createCapturingLogger({ level = 'trace', onEntry = () => {} } = {}) {
  const entries = [];
  const verbose = Boolean(process.env.WA_CONFORMANCE_VERBOSE);

  const make = bindings => {
    const logger = { level, child: more => make({ ...bindings, ...more }) };
    for (const name of LEVELS) {
      logger[name] = (obj, msg) => {
        const entry =
          typeof obj === 'string'
            ? { level: name, msg: obj, obj: {}, bindings, at: Date.now() }
            : { level: name, msg: msg ?? obj?.msg ?? '', obj: obj ?? {}, bindings, at: Date.now() };
        onEntry(entry);
        if (LEVELS.indexOf(name) >= LEVELS.indexOf('info')) {
          entries.push(entry);
          if (entries.length > KEPT_ENTRIES) {
            entries.shift();
          }
        }
        if (verbose && LEVELS.indexOf(name) >= LEVELS.indexOf('info')) {
          process.stderr.write(`[baileys ${name}] ${entry.msg}\n`);
        }
      };
    }
    return logger;
  };

  const root = make({});
  root.entries = entries;
  return root;
}

/** One line per entry, with the error message or stack Baileys attached, if any. */
export function describeEntries(entries) {
  return entries
    .map(entry => {
      const detail = entry.obj?.err?.message ?? entry.obj?.error?.message ?? entry.obj?.trace?.split('\n')[0] ?? '';
      return `  ${entry.level.padEnd(5)} ${entry.msg}${detail ? ` (${detail})` : ''}`;
    })
    .join('\n');
}
