import type { ReferenceLocation } from '../../../src/shared/references/workspaceReferences';
import * as assert from 'assert';
import * as vscode from 'vscode';
import { DIAGNOSTIC_CODES } from '../../../src/references/constants';
import { fakeConfiguration, fakeLanguages, fakeWorkspace, FakeTextDocument, Position, Uri } from '../../support/fakeVscode';
import { IDS, setUpFeature } from './support';

const MAIN_TF = [
    'resource "zenlayercloud_zec_instance" "web" {',
    `  image_id = "${IDS.web10}"`,
    '}',
    'data "zenlayercloud_zec_images" "k8s" {',
    '  availability_zone = "asia-east-1a"',
    '  image_name_regex  = "^k8s-node-\\\\d+\\\\.\\\\d+$"',
    '}',
    'data "zenlayercloud_zec_images" "bad" {',
    '  availability_zone = "asia-east-1a"',
    '  image_name_regex  = "(a+)+$"',
    '}',
].join('\n');

type Feature = ReturnType<typeof setUpFeature>;
const places = (feature: Feature, locations: readonly ReferenceLocation[]) => locations.map((location) => feature.references.describeLocation(location));

describe('references: the feature in VS Code (fake)', function () {
    this.timeout(10_000);
    let feature: Feature;
    afterEach(() => feature.dispose());

    it('does nothing at registration: no search, no problems, until something asks', () => {
        feature = setUpFeature({ '/w/infra/main.tf': MAIN_TF });
        assert.strictEqual(feature.references.status.kind, 'notStarted');
        assert.deepStrictEqual(fakeWorkspace.findFilesCalls, []);
        assert.deepStrictEqual(feature.references.referencesTo(IDS.web10), []);
    });

    it('scans every folder with the include globs, skipping .git, node_modules, .terraform, files.exclude and search.exclude', async () => {
        feature = setUpFeature(
            {
                '/w/infra/main.tf': MAIN_TF,
                '/w/infra/prod.tfvars': `web_image_id = "${IDS.web10}"\n`,
                '/w/node_modules/m/main.tf': `image_id = "${IDS.web10}"`,
                '/w/.terraform/modules/x/main.tf': `image_id = "${IDS.web10}"`,
                '/w/build/out.tf': `image_id = "${IDS.web10}"`,
                '/w/vendor/v.tf': `image_id = "${IDS.web10}"`,
                '/w/notes.txt': `image_id = "${IDS.web10}"`,
                '/ops/cloud-init.yaml': `image: ${IDS.web11}\n`,
            },
            ['/w', '/ops'],
        );
        // A name that makes (a+)+$ backtrack for hours in JavaScript's engine.
        feature.shown.set({ listing: [...feature.shown.listing, { ...feature.shown.listing[0], id: 'img-aaaa0000aaaa0000', name: `${'a'.repeat(40)}!` }] });
        fakeConfiguration.set('user', 'files.exclude', { '**/build': true });
        fakeConfiguration.set('user', 'search.exclude', { '**/vendor': true, '**/infra': false });
        const status = await feature.references.whenReady();
        assert.deepStrictEqual(status, { kind: 'ready', filesScanned: 3, truncated: undefined });
        assert.deepStrictEqual(
            places(feature, feature.references.referencesTo(IDS.web10)),
            ['w/infra/main.tf:2', 'w/infra/prod.tfvars:1'],
            'multi-root: the folder name leads',
        );
        assert.deepStrictEqual(places(feature, feature.references.referencesTo(IDS.web11)), ['ops/cloud-init.yaml:1']);
        assert.deepStrictEqual(places(feature, feature.references.referencesTo(IDS.k8s)), ['w/infra/main.tf:6'], 'selected by image_name_regex');
        assert.strictEqual(feature.references.linkTarget(feature.references.referencesTo(IDS.web11)[0]), 'file:/ops/cloud-init.yaml#L1,8');
        assert.ok(
            fakeWorkspace.findFilesCalls.every(
                (call) => call.include.includes('**/*.tf') && /\*\*\/node_modules.*\*\*\/\.terraform.*\*\*\/build.*\*\*\/vendor/.test(call.exclude ?? ''),
            ),
        );
        assert.ok(
            feature.log.some((line) => line.startsWith('warn') && line.includes('"(a+)+$"') && line.includes('timeout')),
            'the catastrophic regex is reported, not fatal',
        );
    });

    it('re-scans one file on a watcher event or an unsaved edit, forgets deleted files and folders, and re-matches a new listing without reading', async () => {
        feature = setUpFeature({ '/w/infra/main.tf': MAIN_TF, '/w/infra/prod.tfvars': `x = "${IDS.web10}"` });
        await feature.references.whenReady();
        const listings = fakeWorkspace.findFilesCalls.length;

        let update = feature.changeWhere(() => feature.references.referencesTo(IDS.web11).length === 1);
        fakeWorkspace.write('/w/infra/prod.tfvars', `x = "${IDS.web11}"`);
        await update;
        assert.deepStrictEqual(places(feature, feature.references.referencesTo(IDS.web10)), ['infra/main.tf:2']);

        const document = new FakeTextDocument(Uri.file('/w/infra/main.tf'), `# image_id = "${IDS.web09}"`);
        document.isDirty = true;
        fakeWorkspace.documents.push(document);
        update = feature.changeWhere(() => feature.references.referencesTo(IDS.web09).length === 1);
        fakeWorkspace.documentChanged.fire({ document, contentChanges: [{}] });
        await update;
        assert.deepStrictEqual(places(feature, feature.references.referencesTo(IDS.web10)), [], 'the unsaved text counts');

        update = feature.changeWhere(() => feature.references.referencesTo(IDS.web11).length === 0);
        fakeWorkspace.remove('/w/infra/prod.tfvars');
        await update;
        update = feature.changeWhere(() => feature.references.referencesTo(IDS.web09).length === 0);
        fakeWorkspace.remove('/w/infra');
        await update;

        fakeWorkspace.documents.length = 0;
        fakeWorkspace.write('/w/a.tf', `x = "${IDS.web10}" # img-abcdef0123456789`);
        await feature.changeWhere(() => feature.references.referencesTo(IDS.web10).length === 1);
        const reads = fakeWorkspace.reads;
        feature.shown.set({ listing: [...feature.shown.listing, { ...feature.shown.listing[0], id: 'img-abcdef0123456789', name: 'new-image' }] });
        await feature.references.whenReady();
        assert.deepStrictEqual(places(feature, feature.references.referencesTo('img-abcdef0123456789')), ['a.tf:1']);
        assert.strictEqual(fakeWorkspace.reads, reads, 'no file read for a new listing');
        assert.strictEqual(fakeWorkspace.findFilesCalls.length, listings, 'no new search of the workspace');
    });

    it('a folder that appears with its files (copied in, checked out) is scanned, though only the folder had an event', async () => {
        feature = setUpFeature({ '/w/main.tf': '# nothing yet' });
        await feature.references.whenReady();
        // Written without events of their own, as a watcher may report a copied folder.
        fakeWorkspace.files.set(Uri.file('/w/staging/env/main.tf').toString(), Buffer.from(`image_id = "${IDS.web11}"`));
        fakeWorkspace.files.set(Uri.file('/w/staging/node_modules/x.tf').toString(), Buffer.from(`image_id = "${IDS.web10}"`));
        const update = feature.changeWhere(() => feature.references.referencesTo(IDS.web11).length === 1);
        fakeWorkspace.emit('create', Uri.file('/w/staging'));
        await update;
        assert.deepStrictEqual(places(feature, feature.references.referencesTo(IDS.web11)), ['staging/env/main.tf:1']);
        assert.deepStrictEqual(feature.references.referencesTo(IDS.web10), [], 'the folder is searched with the same exclusions');
    });

    it('reads a file copied in once, though the watcher reports its creation and then its change', async () => {
        feature = setUpFeature({ '/w/main.tf': '# nothing yet' });
        await feature.references.whenReady();
        const reads = fakeWorkspace.reads;
        const update = feature.changeWhere(() => feature.references.referencesTo(IDS.web11).length === 1);
        fakeWorkspace.write('/w/copied.tf', `image_id = "${IDS.web11}"`);
        fakeWorkspace.emit('change', Uri.file('/w/copied.tf'));
        await update;
        await feature.references.whenReady();
        assert.strictEqual(fakeWorkspace.reads - reads, 1);

        // Folding events never loses the newest text: a change right behind another one still counts.
        const second = feature.changeWhere(() => feature.references.referencesTo(IDS.web10).length === 1);
        fakeWorkspace.write('/w/copied.tf', `image_id = "${IDS.web09}"`);
        await Promise.resolve();
        fakeWorkspace.write('/w/copied.tf', `image_id = "${IDS.web10}"`);
        await second;
        await feature.references.whenReady();
        assert.deepStrictEqual([...feature.references.referencedImages().keys()].sort(), [IDS.web10].sort());
    });

    it('keeps the references of a file deleted and written again at once (an editor saving by replacing the file)', async () => {
        feature = setUpFeature({ '/w/main.tf': `image_id = "${IDS.web10}"` });
        await feature.references.whenReady();
        fakeWorkspace.write('/w/main.tf', `image_id = "${IDS.web09}"`);
        fakeWorkspace.remove('/w/main.tf');
        fakeWorkspace.write('/w/main.tf', `image_id = "${IDS.web11}"`);
        await feature.references.whenReady();
        assert.deepStrictEqual([...feature.references.referencedImages().keys()], [IDS.web11]);
    });

    it('scans again when the include or exclude settings change', async () => {
        feature = setUpFeature({ '/w/infra/main.tf': MAIN_TF, '/w/notes.txt': `x = "${IDS.web11}"` });
        await feature.references.whenReady();
        assert.deepStrictEqual(feature.references.referencesTo(IDS.web11), []);
        fakeConfiguration.set('user', 'zenlayer.references.include', ['**/*.txt']);
        await feature.references.whenReady();
        assert.deepStrictEqual(places(feature, feature.references.referencesTo(IDS.web11)), ['notes.txt:1']);
        assert.deepStrictEqual(feature.references.referencesTo(IDS.web10), []);
    });

    it('works with no folder open: ready at once, nothing found', async () => {
        feature = setUpFeature({}, []);
        assert.deepStrictEqual(await feature.references.whenReady(), { kind: 'ready', filesScanned: 0, truncated: undefined });
    });
});

describe('references: problems and their quick fix', function () {
    this.timeout(10_000);
    let feature: Feature;
    afterEach(() => feature.dispose());

    const problems = () => {
        const collection = [...fakeLanguages.collections][0];
        return [...collection.entries].flatMap(([uri, list]) =>
            list.map((diagnostic) => `${uri}:${diagnostic.range.start.line + 1} ${String(diagnostic.code)} ${diagnostic.source}: ${diagnostic.message}`),
        );
    };
    const publish = async () => {
        await feature.references.whenReady();
        await new Promise((resolve) => setTimeout(resolve, 60));
    };
    const FILE = [`a = "${IDS.gone}"`, `b = "${IDS.legacy}"`, `c = "${IDS.web10}"`, 'd = "img-placeholder" # ubuntu2404_20240712', `e = "${IDS.web09}"`].join(
        '\n',
    );

    it('reports IDs the account lacks (with the delete date) and unusable images, only while signed in with a complete listing', async () => {
        feature = setUpFeature({ '/w/main.tf': FILE });
        feature.deleted.set(IDS.web09, { deletedAt: new Date(new Date().getFullYear(), 11, 2), name: 'web-frontend-2026-09' });
        feature.shown.set({ listing: feature.shown.listing.filter((image) => image.id !== IDS.web09) });
        await publish();
        assert.deepStrictEqual(problems(), [
            `file:/w/main.tf:1 ${DIAGNOSTIC_CODES.missingImage} Zenlayer: Image ${IDS.gone} is not in the account Demo.`,
            `file:/w/main.tf:2 ${DIAGNOSTIC_CODES.unusableImage} Zenlayer: Image ${IDS.legacy} (legacy-centos7-php) is unavailable: it cannot launch instances.`,
            `file:/w/main.tf:5 ${DIAGNOSTIC_CODES.missingImage} Zenlayer: Image ${IDS.web09} (web-frontend-2026-09) was deleted on Dec 2 from this VS Code.`,
        ]);

        feature.shown.set({ complete: false });
        assert.deepStrictEqual(problems(), [], 'none while the listing is incomplete');
        feature.shown.set({ complete: true });
        await publish();
        assert.strictEqual(problems().length, 3);
        feature.shown.set({ accountName: 'Staging', listing: [] });
        assert.deepStrictEqual(problems(), [], 'cleared at once on a switch');
        feature.shown.set({ accountName: undefined });
        await publish();
        assert.deepStrictEqual(problems(), [], 'none signed out');
    });

    it('offers to replace the ID with the newest AVAILABLE image of its family, for a deleted image too', async () => {
        feature = setUpFeature({ '/w/main.tf': FILE });
        feature.deleted.set(IDS.web09, { deletedAt: new Date(), name: 'web-frontend-2026-09' });
        feature.shown.set({ listing: feature.shown.listing.filter((image) => image.id !== IDS.web09) });
        await publish();
        const document = new FakeTextDocument(Uri.file('/w/main.tf'), FILE);
        const diagnostics = [...[...fakeLanguages.collections][0].entries.values()].flat();
        const provider = fakeLanguages.codeActions[0] as vscode.CodeActionProvider;
        const actions = provider.provideCodeActions(
            document as unknown as vscode.TextDocument,
            diagnostics[0].range as vscode.Range,
            { diagnostics } as unknown as vscode.CodeActionContext,
            undefined as unknown as vscode.CancellationToken,
        ) as vscode.CodeAction[];
        assert.deepStrictEqual(
            actions.map((action) => `${action.title} → ${(action.edit as unknown as { replacements: { newText: string }[] }).replacements[0].newText}`),
            [`Replace with web-frontend-2026-11 (${IDS.web11}) → ${IDS.web11}`],
            'the unknown ID has no family; the UNAVAILABLE legacy image has no sibling; the deleted one does',
        );
        assert.ok(actions[0].isPreferred);
    });

    it('knows the family of an image deleted meanwhile without a delete history, from the listing this window saw', async () => {
        feature = setUpFeature({ '/w/main.tf': FILE });
        feature.shown.set({}); // the listing with web-frontend-2026-09, as the view showed it
        feature.shown.set({ listing: feature.shown.listing.filter((image) => image.id !== IDS.web09) });
        await publish();
        const fixes = () => {
            const diagnostics = [...[...fakeLanguages.collections][0].entries.values()].flat().filter((diagnostic) => diagnostic.range.start.line === 4);
            const provider = fakeLanguages.codeActions[0] as vscode.CodeActionProvider;
            const actions = provider.provideCodeActions(
                new FakeTextDocument(Uri.file('/w/main.tf'), FILE) as unknown as vscode.TextDocument,
                diagnostics[0].range as vscode.Range,
                { diagnostics } as unknown as vscode.CodeActionContext,
                undefined as unknown as vscode.CancellationToken,
            ) as vscode.CodeAction[];
            return actions.map((action) => action.title);
        };
        assert.deepStrictEqual(fixes(), [`Replace with web-frontend-2026-11 (${IDS.web11})`]);
        feature.shown.set({ accountName: 'Staging' });
        feature.shown.set({ accountName: 'Demo' });
        await publish();
        assert.deepStrictEqual(fixes(), [], "another account's names are forgotten: no family known now");
    });
});

describe('references: hover, Show References and reveal', function () {
    this.timeout(10_000);
    let feature: Feature;
    afterEach(() => feature.dispose());

    const hoverAt = (line: string, column: number) => {
        const provider = fakeLanguages.hovers[0] as vscode.HoverProvider;
        const hover = provider.provideHover(
            new FakeTextDocument(Uri.file('/w/x.md'), line) as unknown as vscode.TextDocument,
            new Position(0, column) as unknown as vscode.Position,
            undefined as unknown as vscode.CancellationToken,
        ) as vscode.Hover | undefined;
        return hover && (hover.contents as unknown as { value: string }).value.replace(/\\(.)/g, '$1');
    };

    it('describes an image of the account with its instances, references, account and a reveal link', async () => {
        feature = setUpFeature({ '/w/infra/main.tf': MAIN_TF, '/w/prod.tfvars': `x = "${IDS.web10}"` });
        feature.shown.users.set(
            IDS.web10,
            Array.from({ length: 7 }, (_, index) => ({ id: `ins-${index}`, name: `web-${index + 1}`, status: 'RUNNING', zoneId: 'asia-east-1a' })),
        );
        const before = hoverAt(`image: ${IDS.web10}`, 12) ?? '';
        assert.ok(!before.includes('Referenced in'), 'no scan for a hover');
        await feature.references.whenReady();
        const text = hoverAt(`image: ${IDS.web10}`, 12) ?? '';
        for (const expected of [
            '**web-frontend-2026-10** · AVAILABLE · 30 GiB',
            'Regions: asia-east-1',
            'Instances (7): web-1, web-2, web-3, web-4, web-5, and 2 more',
            'Referenced in 2 files of this workspace',
            'Account: Demo',
            '[Reveal in the Images View](command:zenlayer.revealImage?',
        ]) {
            assert.ok(text.includes(expected), `${expected} in ${text}`);
        }
        assert.ok(hoverAt(`image: ${IDS.gone}`, 12)?.includes(`Image ${IDS.gone} is not in the account Demo.`));
        assert.strictEqual(hoverAt('image: img-placeholder', 12), undefined);
        feature.shown.usageKnown = false;
        assert.ok(hoverAt(IDS.web10, 3)?.includes('Instances: unknown'));
        feature.shown.set({ accountName: undefined });
        assert.strictEqual(hoverAt(IDS.web10, 3), undefined, 'signed out: no hover');
    });

    it('Show References opens the peek with every location; from the palette it asks which image; Find All References answers too', async () => {
        feature = setUpFeature({ '/w/infra/main.tf': MAIN_TF, '/w/prod.tfvars': `x = "${IDS.web10}"` });
        const peeks: unknown[][] = [];
        const { fakeCommands } = await import('../../support/fakeVscode');
        fakeCommands.set('editor.action.showReferences', (...args: unknown[]) => peeks.push(args));
        await vscode.commands.executeCommand('zenlayer.showReferences', { image: { id: IDS.web10 } });
        assert.strictEqual(peeks.length, 1);
        const [uri, position, locations] = peeks[0] as [Uri, Position, vscode.Location[]];
        assert.strictEqual(uri.toString(), 'file:/w/infra/main.tf');
        assert.deepStrictEqual([position.line, position.character], [1, 14]);
        assert.deepStrictEqual(
            locations.map((location) => `${location.uri.toString()}:${location.range.start.line + 1}`),
            ['file:/w/infra/main.tf:2', 'file:/w/prod.tfvars:1'],
        );

        feature.ui.pickAnswer = () => 'k8s-node-1.31';
        await vscode.commands.executeCommand('zenlayer.showReferences');
        assert.deepStrictEqual(feature.ui.picks, [['web-frontend-2026-10', 'k8s-node-1.31']]);
        assert.strictEqual(peeks.length, 2);

        await vscode.commands.executeCommand('zenlayer.showReferences', IDS.web11);
        assert.deepStrictEqual(feature.ui.messages, ['info: No references to web-frontend-2026-11 in this workspace.']);

        const provider = fakeLanguages.references[0] as vscode.ReferenceProvider;
        const found = await provider.provideReferences(
            new FakeTextDocument(Uri.file('/w/prod.tfvars'), `x = "${IDS.web10}"`) as unknown as vscode.TextDocument,
            new Position(0, 8) as unknown as vscode.Position,
            { includeDeclaration: true },
            undefined as unknown as vscode.CancellationToken,
        );
        assert.strictEqual(found?.length, 2);

        await vscode.commands.executeCommand('zenlayer.revealImage', IDS.web10);
        assert.deepStrictEqual(feature.revealed, [IDS.web10]);
    });

    it('Show References signed out says so, and scans nothing', async () => {
        feature = setUpFeature({ '/w/infra/main.tf': MAIN_TF });
        feature.shown.set({ accountName: undefined });
        await vscode.commands.executeCommand('zenlayer.showReferences', IDS.web10);
        assert.deepStrictEqual(feature.ui.messages, ['info: Show References needs the images of a Zenlayer account: sign in first.']);
        assert.strictEqual(feature.references.status.kind, 'notStarted');
    });
});
