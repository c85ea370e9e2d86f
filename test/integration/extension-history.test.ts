// What the extension remembers, in a real VS Code against the emulator: the delete history after a partial failure,
// Show Delete History, Export Delete History… to CSV and JSON through the (scripted) save dialog, and the tooltip's
// "first seen" wording from the observation record.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import type { RunningEmulator } from '../emulator';
import { findImage, imageNodes, ScriptedUi, useSignedInExtension, waitFor } from './extension-support';

/** The history document as a person reads it (Markdown escapes removed). */
async function historyDocument(ui: ScriptedUi): Promise<string> {
    const before = ui.of('document').length;
    await vscode.commands.executeCommand('zenlayer.showDeleteHistory');
    const document = ui.of('document')[before];
    assert.ok(document, 'Show Delete History opened no document');
    assert.strictEqual(document.name, 'Delete History.md');
    return document.content.replace(/\\(.)/g, '$1');
}

/** The first delete listed (the newest of the shown account, whose section comes first). */
function newestEntry(document: string): string {
    const start = document.indexOf('\n### ');
    const end = document.indexOf('\n### ', start + 1);
    return document.slice(start, end < 0 ? undefined : end);
}

function tooltipText(api: ZenlayerImagesTestApi, name: string): string {
    const tooltip = api.treeItem(findImage(api, name)).tooltip;
    return (tooltip instanceof vscode.MarkdownString ? tooltip.value : String(tooltip)).replace(/\\(.)/g, '$1');
}

describe('extension: delete history and observation record', () => {
    const fixture = useSignedInExtension({ deleteDelayMs: 1500 }, { workspaceReferences: false });
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(() => ({ emulator, api, ui } = fixture.current));

    it('records a partial failure image by image, then the accepted image as gone; Show Delete History lists it first', async () => {
        const deletable = findImage(api, 'web-frontend-2026-09');
        const inUse = findImage(api, 'db-primary-golden');
        ui.clickNext('Delete All');
        await vscode.commands.executeCommand('zenlayer.deleteImage', deletable, [deletable, inUse]);
        const request = emulator.requestLog.find((entry) => entry.action === 'DeleteImages');
        assert.ok(request?.requestId);

        const entry = newestEntry(await historyDocument(ui));
        assert.match(entry, /^\n### \d+ \w+ \d{4}, \d\d:\d\d · context menu · 2 images/);
        assert.ok(entry.includes(`**web-frontend-2026-09** (\`${deletable.image.id}\``), entry);
        assert.match(entry, /web-frontend-2026-09\*\* \([^)]*\): accepted by Zenlayer \(not seen gone yet\)/);
        assert.match(entry, /db-primary-golden\*\* \([^)]*\): refused: used by instances \(web-1, web-2\)/);
        assert.ok(entry.includes(`DeleteImages requestId(s): \`${request.requestId}\``), entry);

        await waitFor(() => !imageNodes(api).some((node) => node.image.name === 'web-frontend-2026-09'), 'the deleted image to leave the tree', 20_000);
        await waitFor(() => ui.messages('info').some((m) => m.message === 'Deleted image web-frontend-2026-09'), '"Deleted" once it is gone');
        const after = newestEntry(await historyDocument(ui));
        assert.match(after, /web-frontend-2026-09\*\* \([^)]*\): deleted \(gone \d+ \w+ \d{4}, \d\d:\d\d\)/);
        assert.match(after, /db-primary-golden\*\* \([^)]*\): refused/);
    });

    it('exports the history to CSV and to JSON where the save dialog says', async () => {
        const image = findImage(api, 'zz-scratch-image');
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', image, [image]);
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-export-'));

        const csvFile = vscode.Uri.file(path.join(folder, 'history.csv'));
        ui.pickNext((labels) => {
            assert.deepStrictEqual(labels, ['CSV', 'JSON']);
            return ['CSV'];
        }).saveNext(csvFile);
        await vscode.commands.executeCommand('zenlayer.exportDeleteHistory');
        const [save] = ui.of('save');
        assert.deepStrictEqual(save.filters, { CSV: ['csv'] });
        const rows = fs
            .readFileSync(csvFile.fsPath, 'utf8')
            .replace(/^\ufeff/, '')
            .trim()
            .split('\r\n');
        assert.match(rows[0], /^"time","account","trigger","entryId","imageId","imageName"/);
        assert.ok(rows[1].includes(`"contextMenu"`) && rows[1].includes(`"${image.image.id}","zz-scratch-image"`), rows[1]);
        assert.match(ui.messages('info').at(-1)?.message ?? '', /^Exported \d+ deletes? to history\.csv\.$/);

        const jsonFile = vscode.Uri.file(path.join(folder, 'history.json'));
        ui.pickNext(() => ['JSON']).saveNext(jsonFile);
        await vscode.commands.executeCommand('zenlayer.exportDeleteHistory');
        const exported = JSON.parse(fs.readFileSync(jsonFile.fsPath, 'utf8')) as {
            kind: string;
            entries: { trigger: string; images: { id: string; name: string; result: string }[] }[];
        };
        assert.strictEqual(exported.kind, 'zenlayer-images.deleteHistory');
        assert.deepStrictEqual(
            exported.entries[0].images.map((entry) => [entry.id, entry.name]),
            [[image.image.id, 'zz-scratch-image']],
        );
        assert.strictEqual(exported.entries[0].trigger, 'contextMenu');
        fs.rmSync(folder, { recursive: true, force: true });
    });

    it('the tooltip says "there before" for images of the first listing and "first seen today (by this VS Code)" for a new one', async () => {
        // A fresh record for this account: the next listing is its first.
        const storage = api.storage().folders[0];
        fs.rmSync(path.join(storage.fsPath, 'observations'), { recursive: true, force: true });
        const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date());
        await vscode.commands.executeCommand('zenlayer.refresh');
        await waitFor(() => tooltipText(api, 'web-frontend-2026-11').includes(`| Age | there before ${today} |`), `"there before ${today}"`);

        emulator.state.addImage({ imageName: 'history-fresh-build' });
        await vscode.commands.executeCommand('zenlayer.refresh');
        await api.whenIdle();
        await waitFor(
            () => tooltipText(api, 'history-fresh-build').includes('| Age | first seen today (by this VS Code) |'),
            'the new image to be first seen today',
        );
        assert.ok(tooltipText(api, 'web-frontend-2026-11').includes(`there before ${today}`), 'the older image still reads "there before"');
        assert.doesNotMatch(tooltipText(api, 'history-fresh-build'), /created/i, 'never "created": Zenlayer does not say when');
    });
});
