// Entry point of a separate Node process running one Baileys socket, for the scenarios that need
// "a new process with the saved creds" (a restarted app, or a second deployment of the same
// account). Configuration comes as JSON in WA_CONFORMANCE_CHILD; the process reports on stdout
// as JSON lines and obeys commands on stdin:
//   stdin  "report" -> {"type":"report", problems, unansweredIqs}
//   stdin  "end"    -> ends the socket, saves creds, {"type":"ended"}, exit 0
//   stdin closed    -> the parent is gone: exit at once
//   stdout {"type":"update", connection, hasQr, isNewLogin, statusCode, message}
// QR strings never leave the process (only whether one was shown).

import readline from 'node:readline';
import { connectBaileys, trustSimulatorRoot } from './baileys-session.mjs';

const config = JSON.parse(process.env.WA_CONFORMANCE_CHILD ?? '{}');
const send = message => process.stdout.write(`${JSON.stringify(message)}\n`);

trustSimulatorRoot(config.rootKeyHex);
const session = await connectBaileys({
  simulator: { wsUrl: config.wsUrl },
  authDir: config.authDir,
  socketOptions: config.socketOptions ?? {}
});
session.sock.ev.on('connection.update', ({ connection, qr, isNewLogin, lastDisconnect }) => {
  send({
    type: 'update',
    connection,
    hasQr: Boolean(qr),
    isNewLogin,
    statusCode: lastDisconnect?.error?.output?.statusCode,
    message: lastDisconnect?.error?.message
  });
});

const commands = readline.createInterface({ input: process.stdin });
commands.on('line', async line => {
  if (line === 'report') {
    send({
      type: 'report',
      problems: session.problems().map(entry => ({ level: entry.level, msg: entry.msg })),
      unansweredIqs: session.unansweredIqs()
    });
  } else if (line === 'end') {
    await session.end();
    send({ type: 'ended' });
    process.exit(0);
  }
});
commands.on('close', () => process.exit(0));
