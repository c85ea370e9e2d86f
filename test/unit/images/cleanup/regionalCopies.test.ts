import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { regionOfZones } from '../../../../src/images/cleanup/model/regionalCopies';
import { parseProtectionRules } from '../../../../src/shared/settings/protection';
import { regionsOfZones } from '../../../../src/zenlayer';
import { FakeAccount } from '../../../support/fakeAccount';
import { image } from '../../../support/fixtures';
import { imagesFeature } from '../../../support/imagesFeature';
import { instances, planOf } from './support';

type Feature = ReturnType<typeof imagesFeature>;

const NOW = Date.UTC(2026, 11, 5, 9, 0, 0);
const HK = 'asia-east-1';
const SG = 'asia-southeast-1';
const LA = 'na-west-1';
const instance = (name: string, imageId: string, zoneId: string) => ({ id: `ins-${name}`, name, status: 'RUNNING', zoneId, imageId });
/** The fake account's zones (Hong Kong a and b, Singapore, Los Angeles, Shanghai) as DescribeZones names them. */
const regionOf = regionOfZones(regionsOfZones(new FakeAccount().zones));

/**
 * web-frontend-2026-11 runs in Hong Kong and is also held in Singapore and Los Angeles; web-frontend-2026-10 runs in
 * both its regions; web-frontend-2026-09 is held in two regions and nothing runs it (the plan deletes it); the
 * protected prod-db-golden runs in Hong Kong only and is held in Singapore too.
 */
async function account(): Promise<Feature> {
    const feature = imagesFeature();
    feature.clock.time = NOW;
    feature.account.images = [
        image('web-frontend-2026-11', { sizeGiB: 30, regionIds: [HK, SG, LA] }),
        image('web-frontend-2026-10', { sizeGiB: 30, regionIds: [HK, SG] }),
        image('web-frontend-2026-09', { sizeGiB: 25, regionIds: [HK, SG] }),
        image('prod-db-golden', { sizeGiB: 50, regionIds: [HK, SG] }),
    ];
    feature.account.instances = [
        instance('hk-web-11', 'img-web-frontend-2026-11', 'asia-east-1b'),
        instance('hk-web-10', 'img-web-frontend-2026-10', 'asia-east-1a'),
        instance('sg-web-10', 'img-web-frontend-2026-10', 'asia-southeast-1a'),
        instance('hk-db', 'img-prod-db-golden', 'asia-east-1a'),
    ];
    feature.model.setProtectionRules(parseProtectionRules(['prod-*']).rules);
    await feature.model.refresh();
    return feature;
}

/** Counts the DescribeZones requests the feature makes from now on. */
function countZoneRequests(feature: Feature): { readonly count: number } {
    const counter = { count: 0 };
    const api = feature.account.api as unknown as { describeZones: () => Promise<unknown> };
    const describeZones = api.describeZones;
    api.describeZones = () => {
        counter.count++;
        return describeZones();
    };
    return counter;
}

async function plan(feature: Feature): Promise<string> {
    await feature.commands.planCleanup();
    const document = feature.ui.of('document').at(-1);
    assert.ok(document, 'no plan document was opened');
    return document.content;
}

/** The block of the document that starts with "Regional copies to remove". */
function copiesSection(content: string): string {
    const section = content.split('\n\n').find((block) => block.startsWith('Regional copies to remove') || block.startsWith('待删除的区域副本'));
    assert.ok(section, content);
    return section;
}

/** Runs `task` with vscode.l10n.t answering from the Simplified Chinese bundle, as VS Code does in that locale. */
async function inChinese<T>(task: () => Promise<T>): Promise<T> {
    const bundle = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const l10n = vscode.l10n as { t: (message: string, ...args: unknown[]) => string };
    const english = l10n.t;
    l10n.t = (message, ...args) => english(typeof message === 'string' ? (bundle[message] ?? message) : message, ...args);
    try {
        return await task();
    } finally {
        l10n.t = english;
    }
}

describe('cleanup plan: regional copies', () => {
    it('reads an instance’s region from the zones, and none for a zone they do not name', () => {
        assert.strictEqual(regionOf({ id: 'i-1', zoneId: 'asia-east-1b' }), HK);
        assert.strictEqual(regionOf({ id: 'i-2', zoneId: 'asia-southeast-1a' }), SG);
        assert.strictEqual(regionOf({ id: 'i-3', zoneId: 'eu-west-9a' }), undefined);
        assert.strictEqual(regionOf({ id: 'i-4', zoneId: undefined }), undefined);
    });

    it('proposes no copy of an image the plan deletes, nor of a protected one, nor while an instance’s region is unknown', () => {
        const images = [image('app-3', { regionIds: [HK, SG] }), image('app-2', { regionIds: [HK, SG] }), image('app-1', { regionIds: [HK, SG] })];
        const plan = planOf({
            images: [...images, image('prod-db', { regionIds: [HK, SG] })],
            regionOf,
            protectedNames: ['prod-db'],
            instances: { 'img-app-3': instances(1, 'asia-east-1a'), 'img-prod-db': instances(1, 'asia-east-1a') },
            rules: { keepNewest: 1 },
        });
        assert.deepStrictEqual(plan.deleteIds, ['img-app-1', 'img-app-2']);
        assert.deepStrictEqual(
            plan.regionalCopies.map((copy) => `${copy.imageName}@${copy.regionId}`),
            ['app-3@asia-southeast-1'],
        );
        const strayZone = planOf({ images, regionOf, instances: { 'img-app-3': [...instances(1, 'asia-east-1a'), ...instances(1, 'eu-west-9a')] } });
        assert.deepStrictEqual(strayZone.regionalCopies, [], 'one instance in a zone the zones do not name: which regions are free is unknown');
    });
});

describe('Plan Cleanup…: regional copies', () => {
    it('lists the copies to remove with the region, the GiB and why, from the zones asked once per account', async () => {
        const feature = await account();
        const zones = countZoneRequests(feature);
        const content = await plan(feature);
        assert.strictEqual(
            copiesSection(content),
            [
                'Regional copies to remove: 2',
                '  - web-frontend-2026-11 (img-web-frontend-2026-11) · asia-southeast-1 · 30 GiB · no instance in asia-southeast-1 uses it; asia-east-1 keeps it',
                '  - web-frontend-2026-11 (img-web-frontend-2026-11) · na-west-1 · 30 GiB · no instance in na-west-1 uses it; asia-east-1 keeps it',
                '  Apply Plan does not remove these copies: it sends only the image deletes under "To delete".',
                '  To remove one, use Remove Copy from Region… on the image’s region row in the Zenlayer Images view.',
            ].join('\n'),
        );
        assert.match(content, /To delete: 1 image\(s\), 25 GiB to free\n/, 'the copies are not in the figures of the images to delete');
        await plan(feature);
        assert.strictEqual(zones.count, 1, 'the second plan uses the regions already listed');
    });

    it('says so in Chinese', async () => {
        const feature = await account();
        const content = await inChinese(() => plan(feature));
        assert.strictEqual(
            copiesSection(content),
            [
                '待删除的区域副本：2 个',
                '  - web-frontend-2026-11 (img-web-frontend-2026-11) · asia-southeast-1 · 30 GiB · asia-southeast-1 中没有实例使用它；保留 asia-east-1 中的副本',
                '  - web-frontend-2026-11 (img-web-frontend-2026-11) · na-west-1 · 30 GiB · na-west-1 中没有实例使用它；保留 asia-east-1 中的副本',
                '  “执行清理计划”不会删除这些副本：它只发送“将删除”下的镜像删除请求。',
                '  如需删除副本，请在 Zenlayer 镜像视图中该镜像的区域行上使用“从区域删除副本…”。',
            ].join('\n'),
        );
    });

    it('says there are none, and why a copy would be proposed, in English and Chinese', async () => {
        const feature = await account();
        feature.account.instances.push(instance('sg-web-11', 'img-web-frontend-2026-11', 'asia-southeast-1a'));
        feature.account.instances.push(instance('la-web-11', 'img-web-frontend-2026-11', 'na-west-1a'));
        assert.strictEqual(
            copiesSection(await plan(feature)),
            'Regional copies to remove: none.\n  A kept image’s copy is proposed when no instance in its region uses it while instances in another region do.',
        );
        assert.strictEqual(
            copiesSection(await inChinese(() => plan(feature))),
            '待删除的区域副本：无。\n  对于保留的镜像，若某区域中没有实例使用它、而其他区域有实例使用，则建议删除该区域的副本。',
        );
    });

    it('proposes none when the zones cannot be listed, says why, and plans the deletes all the same', async () => {
        const feature = await account();
        feature.account.failNextAction.set('DescribeZones', new Error('zones are down'));
        const content = await plan(feature);
        assert.strictEqual(
            copiesSection(content),
            [
                'Regional copies to remove: not looked at, the zones could not be listed (zones are down).',
                '  Which region each instance runs in is unknown, so no copy is proposed.',
            ].join('\n'),
        );
        assert.match(content, /To delete: 1 image\(s\)[^\n]*\n[^\n]*\n {2}- web-frontend-2026-09 /);
        assert.ok(
            feature.logger.lines.some((line) => line.startsWith('[warn] Listing zones for the cleanup plan failed')),
            feature.logger.lines.join('\n'),
        );
        const chinese = await inChinese(async () => {
            feature.account.failNextAction.set('DescribeZones', new Error('zones are down'));
            return plan(feature);
        });
        assert.match(copiesSection(chinese), /^待删除的区域副本：未检查，无法列出可用区（zones are down）。\n {2}无法得知各实例运行在哪个区域/);
    });

    it('says none are proposed while unusedForDays asks for use over time, which is not observed per region', async () => {
        const feature = await account();
        feature.cleanupRules.unusedForDays = 14;
        assert.match(copiesSection(await plan(feature)), /^Regional copies to remove: none\.\n {2}Use per region is not observed over time/);
    });

    it('Apply Plan sends exactly the image deletes, never a copy removal', async () => {
        const feature = await account();
        const planned = await feature.commands.planCleanup();
        assert.ok(planned && planned.regionalCopies.length === 2, JSON.stringify(planned?.regionalCopies));
        feature.ui.typeNext('1');
        await feature.commands.applyPlan();
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-frontend-2026-09']]);
        assert.deepStrictEqual(feature.account.lifecycleCalls, [], 'no DeleteImageCopy (nor any other action) was sent');
        assert.deepStrictEqual(feature.account.images.find((entry) => entry.name === 'web-frontend-2026-11')?.regionIds, [HK, SG, LA]);
    });
});
