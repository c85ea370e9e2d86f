import * as assert from 'node:assert/strict';
import { describeError, imageNameProblemText } from '../../../src/platform/errorText';
import { checkImageName, ZenlayerClient, ZenlayerInputError } from '../../../src/zenlayer';

describe('errorText: image names and lifecycle inputs', () => {
    it('says what is wrong with a name checkImageName refuses, naming the limits', () => {
        assert.equal(imageNameProblemText(checkImageName('a')!), 'An image name needs at least 2 characters.');
        assert.equal(imageNameProblemText(checkImageName('a'.repeat(64))!), 'An image name has at most 63 characters.');
        assert.equal(imageNameProblemText(checkImageName('web/1')!), 'An image name has only letters (A–Z, a–z), digits, "-", "_" and ".".');
        assert.equal(imageNameProblemText(checkImageName('web-')!), 'An image name ends with a letter or digit.');
    });

    it("words the client's refusals of lifecycle inputs", async () => {
        const api = new ZenlayerClient({ endpoint: 'http://127.0.0.1:9', credentials: { token: 'zl-token' } });
        try {
            const name = await api.renameImage(['img-1'], '-web').catch((caught: unknown) => caught);
            assert.ok(name instanceof ZenlayerInputError);
            assert.equal(describeError(name), 'An image name starts with a letter or digit.');
            const regions = await api.copyImage('img-1', []).catch((caught: unknown) => caught);
            assert.equal(describeError(regions), 'The value regionIds is not valid (empty).');
        } finally {
            await api.close();
        }
    });
});
