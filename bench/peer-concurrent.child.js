'use strict';
/**
 * Child process of peer.bench.js: 32 concurrent writers on Emmett's store. Prints one line per
 * outcome ("ok" or "err <code>") so that the parent can kill it at a deadline and still count.
 */
const { getSQLiteEventStore } = require('@event-driven-io/emmett-sqlite');
const [file, writers, perWriter] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const emmett = getSQLiteEventStore({ fileName: file });
const out = (line) => process.stdout.write(`${line}\n`);
console.log = () => {}; // Emmett logs every failed transaction
const data = { note: 'x'.repeat(400) };
Promise.all(
  Array.from({ length: writers }, async (_, w) => {
    for (let k = 0; k < perWriter; k++) {
      try {
        await emmett.appendToStream(`incident-c${w}`, [
          {
            type: 'CorroborationAdded',
            data: { ...data, k },
            metadata: { actor: 'bench', correlationId: `${w}-${k}` },
          },
        ]);
        out('ok');
      } catch (error) {
        out(`err ${error?.code ?? error?.name ?? 'Error'}`);
      }
    }
  }),
).then(() => out('done'));
