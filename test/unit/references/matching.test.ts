import * as assert from 'assert';
import { decodeFile } from '../../../src/references/model/decode';
import { scanText } from '../../../src/references/model/scanText';
import { hasCustomImageIdShape, idPrefixOf, tokenAt } from '../../../src/references/model/tokens';
import type { FileFindings } from '../../../src/references/model/types';

const WEB = 'img-2fa3e444ec0ba583';
const K8S = 'img-5c45527416781936';
const PREFIXES = ['img'];

/** Each candidate token as `line:start-end text`, the way a person checks a location. */
const places = (findings: FileFindings) => findings.idTokens.map((token) => `${token.line}:${token.startColumn}-${token.endColumn} ${token.text}`);
/** Each regex found as `line: the text its span covers → the decoded pattern`. */
const regexes = (text: string, findings: FileFindings) =>
    findings.nameRegexes.map((found) => `${found.line}: ${text.split('\n')[found.line].slice(found.startColumn, found.endColumn)} → ${found.pattern}`);
const textOf = (bytes: Uint8Array) => {
    const decoded = decodeFile(bytes);
    assert.strictEqual(decoded.kind, 'text');
    return decoded.text;
};

describe('references: finding image IDs in text', () => {
    it('finds IDs in HCL, tfvars, YAML, JSON, shell and Markdown at their line and column', () => {
        const hcl = `resource "zenlayercloud_zec_instance" "web" {\n  image_id = "${WEB}"\n}\n`;
        assert.deepStrictEqual(places(scanText('main.tf', hcl, PREFIXES)), [`1:14-34 ${WEB}`]);
        assert.deepStrictEqual(places(scanText('prod.tfvars', `web_image_id = "${WEB}"\nk8s = "${K8S}"`, PREFIXES)), [`0:16-36 ${WEB}`, `1:7-27 ${K8S}`]);
        assert.deepStrictEqual(places(scanText('vars.yml', `images:\n  - ${WEB}\n  - id: ${K8S} # k8s\n`, PREFIXES)), [`1:4-24 ${WEB}`, `2:8-28 ${K8S}`]);
        assert.deepStrictEqual(places(scanText('p.pkr.json', JSON.stringify({ source_image: WEB }), PREFIXES)), [`0:17-37 ${WEB}`]);
        assert.deepStrictEqual(places(scanText('run.sh', `zeno zec delete-images --image-ids=${WEB},${K8S}`, PREFIXES)), [`0:35-55 ${WEB}`, `0:56-76 ${K8S}`]);
        assert.deepStrictEqual(places(scanText('README.md', `Built from \`${WEB}\`. See **${K8S}**.`, PREFIXES)), [`0:12-32 ${WEB}`, `0:41-61 ${K8S}`]);
    });

    it('matches whole tokens only: an ID inside a longer token is not the ID', () => {
        const text = [`x${WEB}`, `${WEB}0`, `${WEB}-old`, `${WEB}_copy`, `${WEB}.bak`, `old.${WEB}`, `imgur-${WEB.slice(4)}`].join(' ');
        assert.deepStrictEqual(
            scanText('notes.md', text, PREFIXES).idTokens.map((token) => token.text),
            [`${WEB}0`, `${WEB}-old`, `${WEB}_copy`, `${WEB}.bak`],
            'tokens that start like an ID are kept as they are (so they never equal it); x… and old.… do not start a token',
        );
        const sentence = scanText('notes.md', `Use ${WEB}. Or (${WEB}), "${WEB}":${WEB};`, PREFIXES);
        assert.deepStrictEqual(
            sentence.idTokens.map((token) => token.text),
            [WEB, WEB, WEB, WEB],
            'punctuation ends a token, a final dot included',
        );
    });

    it('counts CRLF and lone CR line ends as VS Code does, and columns in UTF-16 units', () => {
        assert.deepStrictEqual(places(scanText('a.tf', `a = 1\r\n\r\nimage_id = "${WEB}"\r\n`, PREFIXES)), [`2:12-32 ${WEB}`]);
        assert.deepStrictEqual(places(scanText('a.yml', `a: 1\rb: ${WEB}`, PREFIXES)), [`1:3-23 ${WEB}`]);
        assert.deepStrictEqual(places(scanText('a.md', `镜像 😀 ${WEB}`, PREFIXES)), [`0:6-26 ${WEB}`], '😀 is two UTF-16 units');
    });

    it('drops a UTF-8 byte-order mark before counting columns, reads UTF-16 files, and refuses binary and oversized files', () => {
        const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`id = "${WEB}"`)]);
        assert.deepStrictEqual(places(scanText('a.tf', textOf(withBom), PREFIXES)), [`0:6-26 ${WEB}`]);
        const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$image = '${WEB}'\r\n`, 'utf16le')]);
        assert.deepStrictEqual(places(scanText('deploy.ps1', textOf(utf16), PREFIXES)), [`0:10-30 ${WEB}`]);
        const big = Buffer.from(`\uFEFF${WEB}`, 'utf16le').swap16();
        assert.deepStrictEqual(places(scanText('deploy.ps1', textOf(Buffer.concat([Buffer.from([]), big])), PREFIXES)), [`0:0-20 ${WEB}`], 'UTF-16 big-endian');
        assert.deepStrictEqual(decodeFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])), { kind: 'skipped', reason: 'binary' });
        assert.deepStrictEqual(decodeFile(new Uint8Array(1024 * 1024 + 1)), { kind: 'skipped', reason: 'tooLarge' });
    });

    it('finds an ID at the end of a huge single line (minified JSON) quickly', () => {
        const filler = `{"k":"${'x'.repeat(900_000)}",`;
        const started = Date.now();
        const findings = scanText('state.json', `${filler}"image":"${WEB}"}`, PREFIXES);
        assert.deepStrictEqual(places(findings), [`0:${filler.length + 9}-${filler.length + 29} ${WEB}`]);
        assert.ok(Date.now() - started < 1000, 'a linear search, not a backtracking one');
    });

    it('keeps at most 5,000 candidate tokens of one file and says it did', () => {
        const findings = scanText('ids.txt', Array.from({ length: 6000 }, (_, index) => `img-${String(index).padStart(16, '0')}`).join('\n'), PREFIXES);
        assert.strictEqual(findings.idTokens.length, 5000);
        assert.strictEqual(findings.truncated, true);
    });

    it('searches IDs of other shapes by their leading letters (public images such as ubuntu2404_20240712)', () => {
        assert.strictEqual(idPrefixOf('ubuntu2404_20240712'), 'ubuntu');
        assert.strictEqual(idPrefixOf('img-1'), 'img');
        assert.strictEqual(idPrefixOf('2024-x'), '2');
        const findings = scanText('a.tf', 'image_id = "ubuntu2404_20240712" # ubuntu', ['img', 'ubuntu']);
        assert.deepStrictEqual(
            findings.idTokens.map((token) => token.text),
            ['ubuntu2404_20240712', 'ubuntu'],
        );
    });

    it('tells a custom image ID shape from other img- tokens', () => {
        assert.ok(hasCustomImageIdShape(WEB));
        assert.ok(!hasCustomImageIdShape('img-placeholder'), 'no digit: a word, not an ID');
        assert.ok(!hasCustomImageIdShape('img-1'), 'too short');
        assert.ok(!hasCustomImageIdShape('img-2FA3E444EC0BA583'), 'upper case');
    });

    it('finds the token under a column, for hovers', () => {
        const line = `  image_id = "${WEB}" # k8s-node-1.31.`;
        assert.deepStrictEqual(tokenAt(line, 20), { start: 14, end: 34, text: WEB });
        assert.deepStrictEqual(tokenAt(line, 14)?.text, WEB, 'at its first character');
        assert.deepStrictEqual(tokenAt(line, 34)?.text, WEB, 'just after its last');
        assert.strictEqual(tokenAt(line, 12), undefined, 'between tokens');
        assert.strictEqual(tokenAt(line, 45)?.text, 'k8s-node-1.31', 'an inner dot joins, a final dot does not');
    });
});

describe('references: image_name_regex of zenlayercloud_zec_images data sources', () => {
    it('reads literal regexes of HCL data blocks, escapes decoded, and only there', () => {
        const hcl = [
            '# data "zenlayercloud_zec_images" "commented" { image_name_regex = "^no" }',
            'data "zenlayercloud_zec_images" "web" {',
            '  availability_zone = "asia-east-1a"',
            '  image_name_regex  = "^web-frontend-\\\\d{4}-\\\\d{2}$" // newest first',
            '}',
            'data zenlayercloud_zec_images k8s { image_name_regex = "^k8s-node-" }',
            'data "zenlayercloud_zec_zones" "z" { image_name_regex = "^not-images" }',
            'resource "x" "y" {',
            '  image_name_regex = "^not-a-data-source"',
            '}',
        ].join('\n');
        assert.deepStrictEqual(regexes(hcl, scanText('main.tf', hcl, PREFIXES)), [
            '3: ^web-frontend-\\\\d{4}-\\\\d{2}$ → ^web-frontend-\\d{4}-\\d{2}$',
            '5: ^k8s-node- → ^k8s-node-',
        ]);
    });

    it('reports computed values as not literal, and follows quotes inside interpolations', () => {
        const hcl = [
            'data "zenlayercloud_zec_images" "a" {',
            '  name_hint        = "${join("}", ["{"])}"',
            '  image_name_regex = var.web_regex',
            '}',
            'data "zenlayercloud_zec_images" "b" {',
            '  image_name_regex = "^${var.prefix}-web"',
            '}',
            'data "zenlayercloud_zec_images" "c" {',
            '  image_name_regex = "^$${literal}"',
            '}',
        ].join('\n');
        const findings = scanText('main.tf', hcl, PREFIXES);
        assert.deepStrictEqual(
            findings.notLiteral.map((found) => `${found.line} ${found.pattern}`),
            ['2 var.web_regex', '5 "^${var.prefix}-web"'],
        );
        assert.deepStrictEqual(regexes(hcl, findings), ['8: ^$${literal} → ^${literal}'], '$${ is a literal ${');
    });

    it('reads Terraform JSON (.tf.json), objects or arrays at each level, and ignores other JSON files', () => {
        const json = JSON.stringify(
            {
                data: [
                    {
                        zenlayercloud_zec_images: {
                            web: [{ availability_zone: 'asia-east-1a', image_name_regex: '^web-\\d+' }],
                            k8s: { image_name_regex: '${var.x}' },
                        },
                    },
                ],
            },
            undefined,
            2,
        );
        const findings = scanText('images.tf.json', json, PREFIXES);
        assert.deepStrictEqual(
            findings.nameRegexes.map((found) => found.pattern),
            ['^web-\\d+'],
        );
        assert.deepStrictEqual(
            findings.notLiteral.map((found) => found.pattern),
            ['${var.x}'],
        );
        const line = json.split('\n')[findings.nameRegexes[0].line];
        assert.strictEqual(
            line.slice(findings.nameRegexes[0].startColumn, findings.nameRegexes[0].endColumn),
            '^web-\\\\d+',
            'the span is the literal as written',
        );
        assert.deepStrictEqual(scanText('package.json', json, PREFIXES).nameRegexes, []);
        assert.deepStrictEqual(scanText('broken.tf.json', `${json.slice(0, -3)}`, PREFIXES).nameRegexes, [], 'bad JSON: nothing, no throw');
        assert.deepStrictEqual(scanText('deep.tf.json', `${'['.repeat(100_000)}"zenlayercloud_zec_images"`, PREFIXES).nameRegexes, [], 'no stack overflow');
    });
});
