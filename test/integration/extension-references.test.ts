// Workspace references in a real VS Code against the emulator, with the fixture workspace's infra/ (Terraform, tfvars,
// Terraform JSON, cloud-init referencing demo images; see its README): the rows and tooltips, Group By usage, the
// delete confirmation naming the reference, the hover, a problem for a deleted image and its quick fix, and an edit
// that adds a reference updating the row.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import type { RunningEmulator } from '../emulator';
import { deleteRequests, findImage, imageNodes, rootLabels, ScriptedUi, setSetting, useSignedInExtension, waitFor } from './extension-support';

const WEB_09 = 'img-2da960d5abf3e6b7';
const WEB_10 = 'img-d9093f1ba07b19d9';
const WEB_11 = 'img-2fa3e444ec0ba583';

function infra(file: string): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration tests run in the fixture workspace');
    return vscode.Uri.joinPath(folder.uri, 'infra', file);
}

/** Markdown as a person reads it: escapes removed, and the non-breaking spaces of MarkdownString.appendText as spaces. */
const plain = (text: string) => text.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

describe('extension: workspace references (the fixture infra/)', () => {
    const fixture = useSignedInExtension({ deleteDelayMs: 500 });
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(async () => {
        ({ emulator, api, ui } = fixture.current);
        await waitFor(() => description('web-frontend-2026-10').includes('referenced in'), 'the workspace search to mark the referenced rows', 30_000);
    });
    afterEach(async () => {
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    const description = (name: string) => String(api.treeItem(findImage(api, name)).description);
    const tooltip = (name: string) => {
        const value = api.treeItem(findImage(api, name)).tooltip;
        return plain(typeof value === 'string' ? value : (value?.value ?? ''));
    };

    it('rows say in how many files an image is referenced, by ID or by image_name_regex; the tooltip links each file:line', async () => {
        assert.match(description('web-frontend-2026-10'), /· 2 instances · referenced in 2 files$/, 'main.tf and prod.tfvars');
        assert.match(description('web-frontend-2026-09'), /· referenced in 1 file$/);
        assert.match(description('backup-agent-v3'), /· referenced in 1 file$/, 'selected by image_name_regex in main.tf');
        assert.match(description('db-replica-golden'), /· referenced in 1 file$/, 'selected by the regex in images.tf.json');
        assert.match(description('legacy-centos7-php'), /referenced in 1 file$/, 'an ID in cloud-init YAML');
        assert.doesNotMatch(description('web-frontend-2026-11'), /referenced/);

        const main = await vscode.workspace.openTextDocument(infra('main.tf'));
        const tfvars = await vscode.workspace.openTextDocument(infra('prod.tfvars'));
        const link = (uri: vscode.Uri, line: number, text: string) =>
            `[infra/${uri.path.split('/').pop()}:${line + 1}](${uri.with({ fragment: `L${line + 1},${text.indexOf(WEB_10) + 1}` }).toString()})`;
        const text = tooltip('web-frontend-2026-10');
        assert.ok(text.includes('Referenced in 2 files of this workspace:'), text);
        assert.ok(text.includes(link(main.uri, 6, main.lineAt(6).text)), text);
        assert.ok(text.includes(link(tfvars.uri, 1, tfvars.lineAt(1).text)), text);
        assert.ok(text.includes('[Show References](command:zenlayer.showReferences?'), text);
        assert.match(tooltip('web-frontend-2026-11'), /Not referenced in the files of this workspace\./);
    });

    it('Group By usage shows the referenced images no instance runs under "Referenced in the workspace"', async () => {
        await setSetting('images.groupBy', 'usage');
        await waitFor(() => rootLabels(api).includes('Referenced in the workspace'), 'the usage groups');
        assert.deepStrictEqual(rootLabels(api), ['In use', 'Referenced in the workspace', 'Unused']);
        const group = api.children().find((node) => node.kind === 'group' && node.key === 'referenced');
        assert.ok(group);
        const names = api.children(group).map((node) => (node.kind === 'image' ? node.image.name : ''));
        assert.deepStrictEqual(names, ['backup-agent-v3', 'legacy-centos7-php', 'web-frontend-2026-09']);
    });

    it('a delete from the tree names the reference and "Delete 1 Unreferenced Only" sends only the other image', async () => {
        const referenced = findImage(api, 'web-frontend-2026-09');
        const free = findImage(api, 'zz-scratch-image');
        ui.clickNext('Delete 1 Unreferenced Only');
        await vscode.commands.executeCommand('zenlayer.deleteImage', referenced, [referenced, free]);
        const [confirm] = ui.messages('warning');
        assert.strictEqual(confirm.message, 'Delete 2 images: web-frontend-2026-09, zz-scratch-image?');
        assert.ok((confirm.detail ?? '').split('\n').includes('web-frontend-2026-09 is referenced in infra/main.tf:14.'), confirm.detail);
        assert.deepStrictEqual(confirm.buttons, ['Delete 1 Unreferenced Only', 'Delete All']);
        assert.deepStrictEqual(deleteRequests(emulator), [[free.image.id]]);
    });

    it('hovering an image ID in infra/main.tf shows the image, its instances, references and account', async () => {
        const document = await vscode.workspace.openTextDocument(infra('main.tf'));
        const position = new vscode.Position(6, document.lineAt(6).text.indexOf(WEB_10) + 4);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
        const text = plain(hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n'));
        assert.match(text, /\*\*web-frontend-2026-10\*\* · AVAILABLE/);
        assert.match(text, /Regions: asia-east-1/);
        assert.match(text, /Instances \(2\): hk-web-frontend-01, hk-web-frontend-02/);
        assert.match(text, /Referenced in 2 files of this workspace/);
        assert.match(text, /Account: \S/);
        assert.match(text, /\[Reveal in the Images View\]\(command:zenlayer\.revealImage\?/);
    });

    it('an unsaved edit that adds a reference updates the row, and reverting it takes it back', async () => {
        const document = await vscode.workspace.openTextDocument(infra('prod.tfvars'));
        await vscode.window.showTextDocument(document);
        const edit = new vscode.WorkspaceEdit();
        edit.insert(document.uri, new vscode.Position(document.lineCount, 0), `staging_image_id = "${WEB_11}"\n`);
        assert.ok(await vscode.workspace.applyEdit(edit));
        await waitFor(() => description('web-frontend-2026-11').endsWith('referenced in 1 file'), 'the row to say the new reference');
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await waitFor(() => !description('web-frontend-2026-11').includes('referenced'), 'the row to drop the reverted reference');
    });

    it('deleting a referenced image makes its ID a problem; the quick fix puts in the newest of its family', async () => {
        const node = findImage(api, 'web-frontend-2026-09');
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.match(ui.messages('warning')[0].detail ?? '', /web-frontend-2026-09 is referenced in infra\/main\.tf:14\./);
        await waitFor(() => !imageNodes(api).some((row) => row.image.id === WEB_09), 'the deleted image to leave the tree', 30_000);

        const uri = infra('main.tf');
        const problem = () =>
            vscode.languages.getDiagnostics(uri).find((diagnostic) => diagnostic.source === 'Zenlayer' && diagnostic.message.includes(WEB_09));
        // While DELETING the problem says "is being deleted"; once gone, when this VS Code deleted it (the delete history).
        await waitFor(() => problem()?.message.includes('was deleted on') === true, 'a problem for the deleted image', 15_000);
        const diagnostic = problem();
        assert.ok(diagnostic);
        assert.strictEqual(diagnostic.range.start.line, 13, 'main.tf:14');
        assert.match(diagnostic.message, new RegExp(`^Image ${WEB_09} \\(web-frontend-2026-09\\) was deleted on \\S.* from this VS Code\\.$`));
        const legacy = vscode.languages.getDiagnostics(infra('cloud-init.yaml')).map((entry) => entry.message);
        assert.deepStrictEqual(legacy, ['Image img-d9affcd629a5f252 (legacy-centos7-php) is unavailable: it cannot launch instances.']);

        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            uri,
            diagnostic.range,
            vscode.CodeActionKind.QuickFix.value,
        );
        const fix = actions.find((action) => action.title === `Replace with web-frontend-2026-11 (${WEB_11})`);
        assert.ok(fix?.edit, JSON.stringify(actions.map((action) => action.title)));
        assert.ok(await vscode.workspace.applyEdit(fix.edit));
        assert.match(document.lineAt(13).text, new RegExp(`image_id {10}= "${WEB_11}"`));
        await waitFor(() => problem() === undefined, 'the problem to go once the ID is replaced');
        await waitFor(() => description('web-frontend-2026-11').endsWith('referenced in 1 file'), 'the replacement to count as referenced');
    });
});
