import { MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_TAG_TEXT_LENGTH } from './bounds';
import { isObject } from './callInput';
import { type FilterProblem, ZenlayerInputError } from './inputError';
import { type CustomImageFilter, IMAGE_STATUSES, INSTANCE_STATUSES, type InstanceFilter, OS_TYPES } from './types';

/** The filters of the listings, checked and turned into request fields: nothing of the wrong shape is sent. */

/** Zenlayer's ID filters take at most 100 IDs (DescribeInstances documents it; the image filters are treated alike). */
export const MAX_IDS_PER_FILTER = 100;
/** DescribeInstances and the image listings take at most 20 tag keys and 20 tags. */
const MAX_TAG_FILTERS = 20;

/** Builds the request fields of a filter, refusing anything of the wrong shape. */
class FilterReader {
    readonly params: Record<string, unknown> = {};
    private readonly fields: Record<string, unknown>;

    constructor(
        private readonly action: string,
        filter: unknown,
    ) {
        if (!isObject(filter)) {
            this.fail('filter', 'notObject');
        }
        this.fields = filter;
    }

    fail(field: string, reason: FilterProblem, limit?: number): never {
        throw new ZenlayerInputError(this.action, { kind: 'filterInvalid', field, reason, ...(limit === undefined ? {} : { limit }) });
    }

    /** A trimmed string, sent as `wireName`; blank means no filter. */
    text(field: string, maxLength: number, wireName = field): void {
        const value = this.fields[field];
        if (value === undefined || value === null) {
            return;
        }
        if (typeof value !== 'string') {
            this.fail(field, 'wrongType');
        }
        const trimmed = value.trim();
        if (trimmed.length > maxLength) {
            this.fail(field, 'tooLong', maxLength);
        }
        if (trimmed !== '') {
            this.params[wireName] = trimmed;
        }
    }

    oneOf(field: string, allowed: readonly string[], wireName = field): void {
        const value = this.fields[field];
        if (value === undefined || value === null || value === '') {
            return;
        }
        if (typeof value !== 'string' || !allowed.includes(value)) {
            this.fail(field, typeof value === 'string' ? 'notAllowed' : 'wrongType');
        }
        this.params[wireName] = value;
    }

    private list(field: string, max: number): unknown[] | undefined {
        const value = this.fields[field];
        if (value === undefined || value === null) {
            return undefined;
        }
        if (!Array.isArray(value)) {
            this.fail(field, 'wrongType');
        }
        if (value.length > max) {
            this.fail(field, 'tooMany', max);
        }
        // An empty list would mean "match nothing" to some servers and "no filter" to others; send none.
        return value.length > 0 ? value : undefined;
    }

    private entry(field: string, value: unknown, maxLength: number): string {
        if (typeof value !== 'string') {
            this.fail(field, 'wrongType');
        }
        if (value.trim() === '') {
            this.fail(field, 'blank');
        }
        if (value.trim() !== value) {
            this.fail(field, 'spaces');
        }
        if (value.length > maxLength) {
            this.fail(field, 'tooLong', maxLength);
        }
        return value;
    }

    ids(field: string): void {
        const list = this.list(field, MAX_IDS_PER_FILTER);
        if (list) {
            this.params[field] = [...new Set(list.map((id, index) => this.entry(`${field}[${index}]`, id, MAX_ID_LENGTH)))];
        }
    }

    tagKeys(): void {
        const list = this.list('tagKeys', MAX_TAG_FILTERS);
        if (list) {
            this.params.tagKeys = list.map((key, index) => this.entry(`tagKeys[${index}]`, key, MAX_TAG_TEXT_LENGTH));
        }
    }

    tags(): void {
        const list = this.list('tags', MAX_TAG_FILTERS);
        if (list) {
            this.params.tags = list.map((tag, index) => {
                if (!isObject(tag)) {
                    this.fail(`tags[${index}]`, 'wrongType');
                }
                return {
                    key: this.entry(`tags[${index}].key`, tag.key, MAX_TAG_TEXT_LENGTH),
                    value: this.entry(`tags[${index}].value`, tag.value, MAX_TAG_TEXT_LENGTH),
                };
            });
        }
    }
}

/** DescribeCustomImages request fields of a filter. */
export function imageFilterParams(action: string, filter: CustomImageFilter | undefined): Record<string, unknown> {
    const reader = new FilterReader(action, filter === undefined ? {} : filter);
    reader.text('name', MAX_NAME_LENGTH, 'imageName');
    reader.oneOf('status', IMAGE_STATUSES, 'imageStatus');
    reader.oneOf('osType', OS_TYPES);
    reader.text('regionId', MAX_ID_LENGTH);
    reader.text('category', MAX_NAME_LENGTH);
    reader.text('resourceGroupId', MAX_ID_LENGTH);
    reader.ids('imageIds');
    return reader.params;
}

/** DescribeInstances request fields of a filter (an IPv6 address is at most 45 characters). */
export function instanceFilterParams(action: string, filter: InstanceFilter | undefined): Record<string, unknown> {
    const reader = new FilterReader(action, filter === undefined ? {} : filter);
    reader.ids('instanceIds');
    reader.text('zoneId', MAX_ID_LENGTH);
    reader.text('imageId', MAX_ID_LENGTH);
    reader.text('ipv4Address', 64);
    reader.text('ipv6Address', 64);
    reader.oneOf('status', INSTANCE_STATUSES);
    reader.text('name', MAX_NAME_LENGTH);
    reader.text('resourceGroupId', MAX_ID_LENGTH);
    reader.tagKeys();
    reader.tags();
    return reader.params;
}
