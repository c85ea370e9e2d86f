// F5's pre-launch task (.vscode/tasks.json): builds the extension, starts the emulator on 127.0.0.1:8787 and writes the
// Extension Development Host's profile (.cache/dev-host): zenlayer.endpoint pointing at the emulator (a user setting,
// as the extension reads it) and the demo accounts in .cache/dev-host/env, which launch.json passes on. Stays in the
// foreground with the emulator's log until the task is stopped.
const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DEV_HOST = path.join(ROOT, '.cache', 'dev-host');
const PORT = Number(process.env.ZENLAYER_EMULATOR_PORT ?? 8787);

function run(cmd, args) {
    const result = cp.spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.status !== 0) {
        throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status}`);
    }
}

function main() {
    run('npm', ['run', 'compile-tests']);
    run('npm', ['run', 'build']);
    const emu = require(path.join(ROOT, 'out', 'test', 'emulator', 'index.js'));
    const accounts = emu.DEMO_ACCOUNTS.map((a) => ({
        name: String(a.accountId),
        accessKeyId: String(a.accessKeyId),
        accessKeyPassword: String(a.accessKeyPassword),
    }));
    fs.mkdirSync(path.join(DEV_HOST, 'user-data', 'User'), { recursive: true });
    fs.writeFileSync(
        path.join(DEV_HOST, 'user-data', 'User', 'settings.json'),
        JSON.stringify({ 'zenlayer.endpoint': `http://127.0.0.1:${PORT}` }, null, 4) + '\n',
    );
    fs.writeFileSync(path.join(DEV_HOST, 'env'), `ZENLAYER_IMAGES_DEMO_ACCOUNTS=${JSON.stringify(accounts)}\n`);
    // The task's problem matcher waits for the emulator's "listening on" line before F5 launches the host.
    const emulator = cp.spawn(process.execPath, [path.join(ROOT, 'out', 'test', 'emulator', 'cli.js'), '--port', String(PORT)], {
        cwd: ROOT,
        stdio: 'inherit',
    });
    process.on('SIGTERM', () => emulator.kill('SIGTERM'));
    process.on('SIGINT', () => emulator.kill('SIGTERM'));
    emulator.on('exit', (code) => process.exit(code ?? 0));
}

main();
