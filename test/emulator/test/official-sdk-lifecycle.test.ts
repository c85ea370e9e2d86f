/**
 * The five image lifecycle actions exactly as the official Python SDK (zenlayercloud-sdk-python 2.0.69, zec
 * v20250901) sends them: its headers, and `json.dumps(request.serialize())` — `", "` and `": "` separators, fields in
 * model order, None dropped, non-ASCII escaped as \uXXXX, CreateImage's tags wrapped in a TagAssociation. The answers
 * must carry every field its response models read. The SDK cannot be pip-installed here (PyPI is unreachable); its
 * source, run by hand against `npm run emulator` with the system's `requests`, drove all five actions, and this test
 * replays what it sends so the suite needs no Python.
 */
import * as assert from 'node:assert/strict';
import { lifecyclePerTest } from './lifecycle-support';
import type { Json } from './support';

/** What Python's json.dumps writes by default. */
function pythonJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(pythonJson).join(', ')}]`;
    }
    if (typeof value === 'object' && value !== null) {
        return `{${Object.entries(value)
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`)
            .join(', ')}}`;
    }
    return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The headers the Python SDK adds to every call (besides the signed Content-Type, Host and the signature headers). */
const PYTHON_SDK_HEADERS = {
    'x-zc-service': 'zec',
    'x-zc-sdk-version': 'SDK_PYTHON_2.0.069',
    'x-zc-sdk-lang': 'Python',
    'user-agent': 'python-requests/2.32.3',
};

describe('emulator image lifecycle, as the official Python SDK sends it', () => {
    const fx = lifecyclePerTest({ copyPrepareMs: 1000, copyTransferMs: 2000, createDelayMs: 1000 });

    async function sdkCall(action: string, model: Json): Promise<Json> {
        const body = pythonJson(model);
        const result = await fx.call({ action, body, headers: PYTHON_SDK_HEADERS });
        assert.equal(result.status, 200, result.text);
        return (result.json as { response: Json }).response;
    }

    it('serialises like the SDK (the helper is checked against a body the SDK wrote)', () => {
        // What json.dumps(CreateImageRequest.serialize()) printed in the Python SDK 2.0.69.
        const written = '{"instanceId": "ins-1", "imageName": "web", "tags": {"tags": [{"key": "\\u73af\\u5883", "value": "prod"}]}}';
        assert.equal(pythonJson({ instanceId: 'ins-1', imageName: 'web', resourceGroupId: null, tags: { tags: [{ key: '环境', value: 'prod' }] } }), written);
    });

    it('CopyImage and DescribeImageCopyProgress: the fields of CopyImageResponse and ImageCopyProgress', async () => {
        const imageId = fx.imageId('app-server-base');
        const copied = await sdkCall('CopyImage', { imageId, regionIdList: ['asia-east-1'] });
        assert.deepEqual(Object.keys(copied), ['requestId']);
        fx.clock.advance(1500);
        const progress = await sdkCall('DescribeImageCopyProgress', { imageId });
        assert.deepEqual(Object.keys(progress).sort(), ['dataSet', 'requestId']);
        const [entry] = progress.dataSet as Json[];
        assert.deepEqual(entry, {
            destRegionId: 'asia-east-1',
            destRegionName: 'Hong Kong',
            syncStage: 'TRANSFERRING',
            queued: false,
            syncPercent: 25,
            errorInfo: null,
        });
        assert.equal(typeof entry.syncPercent, 'number', 'a float, not a string');
    });

    it('DeleteImageCopy and ModifyImagesAttributes: DeleteImageCopyResponse and ModifyImagesAttributesResponse', async () => {
        const imageId = fx.imageId('ml-inference-cuda12');
        assert.deepEqual(Object.keys(await sdkCall('DeleteImageCopy', { imageId, regionIds: ['na-west-1'] })), ['requestId']);
        assert.deepEqual(Object.keys(await sdkCall('ModifyImagesAttributes', { imageIds: [imageId], imageName: 'ml-inference-cuda12.4' })), ['requestId']);
        assert.deepEqual(
            [fx.emu.state.getImage(imageId)?.imageName, fx.emu.state.getImage(imageId)?.regionIdList],
            ['ml-inference-cuda12.4', ['asia-east-1', 'asia-southeast-1']],
        );
    });

    it('CreateImage with a TagAssociation whose values the SDK escaped: CreateImageResponse, then the image as made', async () => {
        const instanceId = fx.emu.state.findInstanceByName('测试-数据库-01')!.instanceId;
        const made = await sdkCall('CreateImage', {
            instanceId,
            imageName: 'db-test-2026',
            resourceGroupId: null,
            tags: { tags: [{ key: '环境', value: '测试' }] },
        });
        assert.deepEqual(Object.keys(made).sort(), ['imageId', 'imageName', 'requestId']);
        fx.clock.advance(1000);
        const image = fx.emu.state.getImage(made.imageId as string);
        assert.deepEqual([image?.imageStatus, image?.tags], ['AVAILABLE', [{ key: '环境', value: '测试' }]]);
    });

    it('answers a refusal with the three keys the SDK indexes (code, message, requestId)', async () => {
        const result = await fx.call({
            action: 'DeleteImageCopy',
            body: pythonJson({ imageId: fx.imageId('backup-agent-v3'), regionIds: ['na-west-1'] }),
            headers: PYTHON_SDK_HEADERS,
        });
        assert.equal(result.status, 400);
        const body = result.json as Json;
        assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'requestId']);
        assert.equal(body.code, 'OPERATION_DENIED_LAST_IMAGE_COPY');
    });
});
