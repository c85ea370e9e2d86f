/**
 * listInstances (DescribeInstances, zec 2025-09-01) over loopback against a small server of our own that pages and
 * filters as the official CLI documents it. (The emulator gains DescribeInstances separately.)
 */
import * as assert from 'node:assert/strict';
import {
    INSTANCE_STATUSES,
    type InputProblem,
    ZenlayerApiError,
    ZenlayerInputError,
    ZenlayerListingError,
    ZenlayerResponseError,
    type ZenlayerWarning,
} from '../../../src/zenlayer';
import { client, hasControlCharacters, type HostileServer, hostileServers, sendJson, sleep, success } from './hostile-server';

type WireInstance = Record<string, unknown>;

function wireInstance(n: number): WireInstance {
    return {
        instanceId: `ins-${n.toString().padStart(6, '0')}`,
        instanceName: `web-${n}`,
        zoneId: n % 2 === 0 ? 'asia-east-1a' : 'na-west-1a',
        instanceType: 'z2a.cpu.1',
        cpu: 2,
        memory: 4,
        imageId: `img-${(n % 7).toString().padStart(4, '0')}`,
        imageName: `image-${n % 7}`,
        status: INSTANCE_STATUSES[n % INSTANCE_STATUSES.length],
        createTime: '2026-03-01T08:00:00Z',
        resourceGroupId: 'rg-default',
        resourceGroupName: 'Default',
        tags: { tags: [{ key: 'team', value: n % 3 === 0 ? 'web' : 'data' }] },
        systemDisk: { diskId: 'disk-1', diskSize: 20 },
        nics: [],
    };
}

/** DescribeInstances over `instances`: the documented filters, pageNum/pageSize (default 20, at most 1000). */
function describeInstances(instances: readonly WireInstance[], body: Record<string, unknown>): { status: number; body: unknown } {
    const pageSize = body.pageSize === undefined ? 20 : Number(body.pageSize);
    const pageNum = body.pageNum === undefined ? 1 : Number(body.pageNum);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000 || !Number.isInteger(pageNum) || pageNum < 1) {
        return { status: 400, body: { requestId: 'T-BAD', code: 'INVALID_PARAMETER', message: 'pageSize or pageNum out of range' } };
    }
    const ids = body.instanceIds as string[] | undefined;
    const tags = body.tags as { key: string; value: string }[] | undefined;
    const matching = instances.filter(
        (instance) =>
            (ids === undefined || ids.includes(instance.instanceId as string)) &&
            (body.imageId === undefined || instance.imageId === body.imageId) &&
            (body.zoneId === undefined || instance.zoneId === body.zoneId) &&
            (body.status === undefined || instance.status === body.status) &&
            (typeof body.name !== 'string' || String(instance.instanceName).includes(body.name)) &&
            (tags === undefined ||
                tags.every((tag) =>
                    (instance.tags as { tags: { key: string; value: string }[] }).tags.some((own) => own.key === tag.key && own.value === tag.value),
                )),
    );
    const dataSet = matching.slice((pageNum - 1) * pageSize, pageNum * pageSize);
    return { status: 200, body: { requestId: `T-${pageNum}`, response: { requestId: `T-${pageNum}`, totalCount: matching.length, dataSet } } };
}

describe('listInstances', () => {
    const servers = hostileServers();
    let server: HostileServer | undefined;

    async function serve(instances: readonly WireInstance[], delayMs = 0): Promise<{ maxInFlight: () => number }> {
        let inFlight = 0;
        let maxInFlight = 0;
        server = await servers.start(async (request, response) => {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await sleep(delayMs);
            inFlight--;
            assert.equal(request.action, 'DescribeInstances');
            const answer = describeInstances(instances, request.body);
            sendJson(response, answer.status, answer.body);
        });
        return { maxInFlight: () => maxInFlight };
    }

    it('lists every page of 2,500 instances, 1,000 per request, concurrently after the first', async () => {
        const instances = Array.from({ length: 2500 }, (_, n) => wireInstance(n));
        const { maxInFlight } = await serve(instances, 50);
        const api = servers.client(server!.url);
        const listed = await api.listInstances();
        assert.equal(listed.length, 2500);
        assert.equal(new Set(listed.map((instance) => instance.id)).size, 2500);
        assert.deepEqual(
            server!.requests.map((request) => [request.body.pageNum, request.body.pageSize]),
            [
                [1, 1000],
                [2, 1000],
                [3, 1000],
            ],
        );
        assert.equal(maxInFlight(), 2, 'pages 2 and 3 are fetched at the same time');
    });

    it('maps every documented field to a typed instance', async () => {
        await serve([wireInstance(3)]);
        const api = servers.client(server!.url);
        const [instance] = await api.listInstances();
        assert.deepEqual(instance, {
            id: 'ins-000003',
            name: 'web-3',
            zoneId: 'na-west-1a',
            instanceType: 'z2a.cpu.1',
            cpuCores: 2,
            memoryGiB: 4,
            imageId: 'img-0003',
            imageName: 'image-3',
            status: INSTANCE_STATUSES[3],
            createTime: '2026-03-01T08:00:00Z',
            resourceGroupId: 'rg-default',
            resourceGroupName: 'Default',
            tags: [{ key: 'team', value: 'web' }],
        });
    });

    it('sends the filters as the CLI documents them, and lists only what matches', async () => {
        const instances = Array.from({ length: 300 }, (_, n) => wireInstance(n));
        await serve(instances);
        const api = servers.client(server!.url);
        const filter = {
            imageId: 'img-0002',
            zoneId: 'asia-east-1a',
            status: 'RUNNING' as const,
            name: 'web-',
            instanceIds: instances.map((instance) => instance.instanceId as string).slice(0, 100),
            ipv4Address: '10.0.0.1',
            ipv6Address: '2001:db8::1',
            resourceGroupId: 'rg-default',
            tagKeys: ['team'],
            tags: [{ key: 'team', value: 'web' }],
        };
        const listed = await api.listInstances(filter);
        const [request] = server!.requests;
        assert.deepEqual(request.body, { ...filter, pageNum: 1, pageSize: 1000 });
        assert.ok(listed.every((instance) => instance.imageId === 'img-0002' && instance.zoneId === 'asia-east-1a' && instance.status === 'RUNNING'));
        await server!.close();
        await serve(instances);
        const byImage = servers.client(server!.url);
        const usingImage = await byImage.listInstances({ imageId: 'img-0005' });
        assert.deepEqual(
            usingImage.map((instance) => instance.id),
            instances.filter((instance) => instance.imageId === 'img-0005').map((instance) => instance.instanceId),
        );
    });

    it('bounds every string, drops instances without a usable ID, and keeps a status newer than the list', async () => {
        const warnings: ZenlayerWarning[] = [];
        const hostile = {
            ...wireInstance(1),
            instanceName: `\u001b]0;owned\u0007${'n'.repeat(5000)}`,
            status: 'HIBERNATING',
            cpu: 'many',
            memory: -4,
            imageId: 'img with space',
            createTime: '2026\r\n',
            tags: { tags: [{ key: '', value: 'x' }] },
        };
        const items = [hostile, { ...wireInstance(2), instanceId: '' }, { instanceName: 'no id' }, null];
        server = await servers.start((_request, response) => success(response, { totalCount: items.length, dataSet: items }));
        const api = servers.client(server.url, { onWarning: (warning) => warnings.push(warning) });
        const [instance, ...rest] = await api.listInstances();
        assert.equal(rest.length, 0);
        assert.ok(instance.name.length <= 257 && !hasControlCharacters(instance.name), instance.name.slice(0, 20));
        assert.equal(instance.status, 'HIBERNATING');
        assert.equal(instance.cpuCores, undefined);
        assert.equal(instance.memoryGiB, undefined);
        assert.equal(instance.imageId, undefined, 'an image ID that is not one is dropped, never matched');
        assert.equal(instance.createTime, '2026');
        assert.deepEqual(instance.tags, []);
        assert.deepEqual(
            warnings.map((warning) => [warning.kind, warning.count]),
            [['itemsDropped', 3]],
        );
    });

    it('applies the listing guarantees: a malformed total, a total past maxListPages, an API error', async () => {
        server = await servers.start((request, response) => {
            const page = Number(request.body.pageNum);
            if (request.body.name === 'bad-total') {
                success(response, { totalCount: -1, dataSet: [] });
            } else if (request.body.name === 'huge') {
                success(response, { totalCount: 1e12, dataSet: Array.from({ length: 1000 }, (_, n) => wireInstance(n)) });
            } else {
                sendJson(response, 403, { requestId: `T-${page}`, code: 'OPERATION_DENIED_NO_PERMISSION', message: 'no permission for DescribeInstances' });
            }
        });
        const api = servers.client(server.url);
        await assert.rejects(
            api.listInstances({ name: 'bad-total' }),
            (error: unknown) => error instanceof ZenlayerResponseError && error.field === 'totalCount',
        );
        await assert.rejects(
            api.listInstances({ name: 'huge' }),
            (error: unknown) => error instanceof ZenlayerListingError && error.reason === 'tooManyPages' && error.action === 'DescribeInstances',
        );
        await assert.rejects(
            api.listInstances(),
            (error: unknown) => error instanceof ZenlayerApiError && error.code === 'OPERATION_DENIED_NO_PERMISSION' && error.requestId === 'T-1',
        );
        assert.equal(server.requests.length, 3);
    });

    it('refuses filters of the wrong shape before sending anything', async () => {
        server = await servers.start((_request, response) => success(response, { totalCount: 0, dataSet: [] }));
        const api = client(server.url);
        const cases: [unknown, Partial<InputProblem>][] = [
            [null, { field: 'filter', reason: 'notObject' }],
            [{ status: 'running' }, { field: 'status', reason: 'notAllowed' }],
            [{ imageId: 5 }, { field: 'imageId', reason: 'wrongType' }],
            [{ instanceIds: Array.from({ length: 101 }, (_, n) => `ins-${n}`) }, { field: 'instanceIds', reason: 'tooMany', limit: 100 }],
            [{ instanceIds: ['ins-1', 7] }, { field: 'instanceIds[1]', reason: 'wrongType' }],
            [{ tagKeys: Array.from({ length: 21 }, (_, n) => `k${n}`) }, { field: 'tagKeys', reason: 'tooMany', limit: 20 }],
            [{ tagKeys: ['k'.repeat(65)] }, { field: 'tagKeys[0]', reason: 'tooLong', limit: 64 }],
            [{ tags: [{ key: 'team' }] }, { field: 'tags[0].value', reason: 'wrongType' }],
            [{ tags: ['team=web'] }, { field: 'tags[0]', reason: 'wrongType' }],
            [{ ipv6Address: 'x'.repeat(65) }, { field: 'ipv6Address', reason: 'tooLong', limit: 64 }],
        ];
        for (const [filter, problem] of cases) {
            await assert.rejects(api.listInstances(filter as never), (error: unknown) => {
                assert.ok(error instanceof ZenlayerInputError && error.action === 'DescribeInstances', String(error));
                assert.deepEqual({ ...error.problem }, { kind: 'filterInvalid', ...problem }, JSON.stringify(filter).slice(0, 60));
                return true;
            });
        }
        assert.equal(server.requests.length, 0);
    });
});
