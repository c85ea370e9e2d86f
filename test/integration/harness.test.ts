// Smallest proof that the real VS Code loads this extension: it is installed in the dev host, activates,
// and every command its manifest contributes is registered.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';

interface Manifest {
    contributes?: { commands?: { command: string }[] };
}

describe('harness: the extension in a real VS Code', () => {
    it('is present in the extension development host', () => {
        assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `extension ${EXTENSION_ID} not found`);
    });

    it('activates', async () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(ext);
        await ext.activate();
        assert.strictEqual(ext.isActive, true);
    });

    it('registers every command its package.json contributes', async () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(ext);
        await ext.activate();
        // Read from the manifest so this stays true as commands are added.
        const manifest = ext.packageJSON as Manifest;
        const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
        const registered = new Set(await vscode.commands.getCommands(true));
        const missing = contributed.filter((id) => !registered.has(id));
        assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    });

    it('runs with the test-mode environment', () => {
        assert.strictEqual(process.env.ZENLAYER_IMAGES_TEST_MODE, '1');
    });
});
