// The cleanup plan in a real VS Code against the emulator's demo account: Plan Cleanup… opens the plan (the newest
// builds of web-frontend kept, the older one proposed, the workspace's references kept), Apply Plan sends exactly the
// plan's images but not one that became used meanwhile, and refuses a plan older than 30 minutes. A kept image's copy
// in a region where nothing runs it is proposed for removal, and Apply Plan never removes it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import type { RunningEmulator } from '../emulator';
import { deleteRequests, type ScriptedUi, setSetting, useSignedInExtension, waitFor } from './extension-support';

/** The IDs listed under "To delete" in the plan document. */
function toDelete(content: string): string[] {
    const section = content.split('\n\n').find((block) => block.startsWith('To delete:'));
    assert.ok(section, content);
    return [...section.matchAll(/^ {2}- \S+ \((img-[^)]+)\)/gm)].map(([, id]) => id);
}

/** The line of a kept image: "  - name (id): reasons". */
function keptLine(content: string, name: string): string {
    const line = content.split('\n').find((candidate) => candidate.startsWith(`  - ${name} (`) && !candidate.includes(' · '));
    assert.ok(line, `${name} is not among the kept images:\n${content}`);
    return line;
}

describe('extension: cleanup plan', () => {
    const fixture = useSignedInExtension();
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    const id = (name: string): string => {
        const found = emulator.state.findByName(name);
        assert.ok(found, `${name} is not in the emulator`);
        return found.imageId;
    };

    beforeEach(async () => {
        ({ emulator, api, ui } = fixture.current);
        emulator.reset();
        await vscode.commands.executeCommand('zenlayer.refresh');
        await api.whenIdle();
        emulator.clearRequestLog();
    });
    afterEach(async () => {
        api.setCleanupClock(undefined);
        await setSetting('references.enabled', undefined);
        await setSetting('cleanup.minAgeDays', undefined);
    });

    async function plan(): Promise<string> {
        const before = ui.of('document').length;
        await vscode.commands.executeCommand('zenlayer.planCleanup');
        const documents = ui.of('document');
        assert.strictEqual(documents.length, before + 1, `no plan document opened: ${JSON.stringify(ui.calls)}`);
        assert.match(documents.at(-1)!.name, /^cleanup-plan\//);
        return documents.at(-1)!.content;
    }

    it('keeps web-frontend-2026-11 and -10, keeps -09 while the workspace names it, and proposes -09 once it does not', async () => {
        let content = await plan();
        assert.match(content, /^Zenlayer cleanup plan for account "/);
        assert.match(keptLine(content, 'web-frontend-2026-11'), /newest 2 of web-frontend \(number 1/);
        assert.match(keptLine(content, 'web-frontend-2026-10'), /used by 2 instances; .*newest 2 of web-frontend \(number 2/);
        // test/fixtures/workspace/infra/main.tf names web-frontend-2026-09.
        assert.match(keptLine(content, 'web-frontend-2026-09'), /referenced in 1 workspace file/);
        assert.match(keptLine(content, 'k8s-node-1.30'), /newest 2 of k8s-node/);
        assert.match(keptLine(content, 'k8s-node-1.32-rc'), /PROCESSING/);
        assert.ok(!toDelete(content).includes(id('web-frontend-2026-09')));

        await setSetting('references.enabled', false);
        content = await plan();
        assert.ok(toDelete(content).includes(id('web-frontend-2026-09')), content);
        assert.ok(!toDelete(content).includes(id('web-frontend-2026-11')) && !toDelete(content).includes(id('web-frontend-2026-10')));
        assert.match(content, /- web-frontend-2026-09 \(img-[0-9a-f]+\) · AVAILABLE · 30 GiB · asia-east-1 · there before \d{4}-\d\d-\d\d/);
        assert.deepStrictEqual(deleteRequests(emulator), [], 'planning deletes nothing');
    });

    it('Apply Plan sends exactly the planned images, but not one that became used since the plan, and names it', async () => {
        await setSetting('references.enabled', false);
        const content = await plan();
        const planned = toDelete(content);
        assert.ok(planned.includes(id('web-frontend-2026-09')) && planned.length >= 3, content);
        // Someone starts an instance from web-frontend-2026-09 between the plan and Apply.
        emulator.state.addInstance({ imageId: id('web-frontend-2026-09'), instanceName: 'hk-web-frontend-09' });
        ui.typeNext(String(planned.length));
        await vscode.commands.executeCommand('zenlayer.applyPlan');
        const sent = deleteRequests(emulator).flat();
        assert.deepStrictEqual([...sent].sort(), planned.filter((planId) => planId !== id('web-frontend-2026-09')).sort());
        assert.ok(
            ui.messages('warning').some((call) => call.message === 'Not sent, changed since the plan: web-frontend-2026-09 — now used by 1 instance.'),
            JSON.stringify(ui.messages()),
        );
        assert.ok(emulator.state.findByName('web-frontend-2026-09'), 'still there');
        await waitFor(() => api.pollingIds().length === 0, 'the applied deletes to be followed until gone', 30_000);
    });

    it('proposes the copy of an image in a region nothing runs it in, from the zones listed once; Apply Plan removes no copy', async () => {
        // Images an earlier test deleted come back with the emulator's reset as first seen now: no age rule, so that
        // something is sent.
        await setSetting('references.enabled', false);
        await setSetting('cleanup.minAgeDays', 0);
        // web-frontend-2026-11 is held in Hong Kong and Singapore; an instance now runs it in Hong Kong.
        emulator.state.addInstance({ imageId: id('web-frontend-2026-11'), instanceName: 'hk-web-frontend-11', zoneId: 'asia-east-1a' });
        await plan();
        emulator.clearRequestLog();
        const content = await plan();
        assert.ok(!emulator.requestLog.some((entry) => entry.action === 'DescribeZones'), 'the second plan uses the zones already listed');
        const copies = content.split('\n\n').find((block) => block.startsWith('Regional copies to remove'));
        assert.strictEqual(
            copies?.split('\n').slice(0, 2).join('\n'),
            `Regional copies to remove: 1\n  - web-frontend-2026-11 (${id('web-frontend-2026-11')}) · asia-southeast-1 · 30 GiB · ` +
                'no instance in asia-southeast-1 uses it; asia-east-1 keeps it',
            content,
        );
        assert.match(copies, /Apply Plan does not remove these copies/);
        const planned = toDelete(content);
        assert.ok(planned.length >= 2 && planned.includes(id('web-frontend-2026-09')), content);
        // Held back from Apply, so that the Group By test still finds it as it was (not first seen again).
        emulator.state.addInstance({ imageId: id('web-frontend-2026-09'), instanceName: 'hk-web-frontend-09' });
        ui.typeNext(String(planned.length));
        await vscode.commands.executeCommand('zenlayer.applyPlan');
        assert.deepStrictEqual(deleteRequests(emulator).flat().sort(), planned.filter((planId) => planId !== id('web-frontend-2026-09')).sort());
        assert.deepStrictEqual(
            emulator.requestLog.filter((entry) => entry.action === 'DeleteImageCopy'),
            [],
            'Apply Plan sends the image deletes only',
        );
        assert.deepStrictEqual(emulator.state.findByName('web-frontend-2026-11')?.regionIdList, ['asia-east-1', 'asia-southeast-1']);
        await waitFor(() => api.pollingIds().length === 0, 'the applied deletes to be followed until gone', 30_000);
    });

    it('Apply Plan refuses a plan older than 30 minutes, sends nothing and offers to plan again', async () => {
        await plan();
        const made = Date.now();
        api.setCleanupClock(() => made + 31 * 60_000);
        ui.clickNext('Plan Again');
        await vscode.commands.executeCommand('zenlayer.applyPlan');
        const [refusal] = ui.messages('warning');
        assert.ok(refusal, JSON.stringify(ui.calls));
        assert.match(refusal.message, /^This plan was made 3[01] minutes ago \(.+ UTC\); a plan older than 30 minutes is not applied/);
        assert.deepStrictEqual(refusal.buttons, ['Plan Again']);
        assert.strictEqual(ui.inputs().length, 0, 'no confirmation was asked');
        assert.strictEqual(ui.of('document').length, 2, 'Plan Again opened a new plan');
        assert.deepStrictEqual(deleteRequests(emulator), []);
    });

    it('Group By cleanup shows the live verdicts in the tree', async () => {
        await setSetting('references.enabled', false);
        await setSetting('images.groupBy', 'cleanup');
        await waitFor(() => api.children().some((node) => node.kind === 'group' && node.groupBy === 'cleanup'), 'the cleanup groups');
        const group = (key: string) => {
            const node = api.children().find((candidate) => candidate.kind === 'group' && candidate.key === key);
            return node?.kind === 'group' ? node.children.map((child) => child.image.name) : [];
        };
        await waitFor(() => group('delete').includes('web-frontend-2026-09'), 'web-frontend-2026-09 under Would delete');
        assert.ok(group('newestOfFamily').includes('web-frontend-2026-11'), JSON.stringify(group('newestOfFamily')));
        assert.ok(group('inUse').includes('web-frontend-2026-10'));
        const label = api.treeItem(api.children()[0]).label;
        assert.strictEqual(typeof label === 'string' ? label : label?.label, 'Would delete');
    });
});
