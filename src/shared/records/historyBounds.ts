import type { ImageTag } from '../../zenlayer/types';
import { isAccountName, isRecordId, MAX_RECORD_ID_LENGTH } from './accountFiles';
import { DELETE_TRIGGERS, type DeleteTrigger, type HistoryEntry, type HistoryImage, type HistoryReason, IMAGE_RESULTS, type ImageResult } from './historyEntry';

// The bounds of a delete-history entry. The same function checks what is appended and what is read back: a file
// another window (or a person) wrote is held to the bounds the extension writes by.

/** Far above Zenlayer's custom-image quota; a larger delete is recorded with a count of the rest. */
export const MAX_IMAGES_PER_ENTRY = 2_000;
/** One entry's share of the file at most (images past it are counted, not described), so the newest entry always fits. */
const MAX_ENTRY_BYTES = 2 * 2 ** 20;
const MAX_REQUEST_IDS = 1_000;
const MAX_NAME = 256;
const MAX_TAG_TEXT = 64;
const MAX_TAGS = 50;
const MAX_REGIONS = 50;
const MAX_TEXT = 500;

function text(value: unknown, max: number): string | undefined {
    if (typeof value !== 'string' || value === '') {
        return undefined;
    }
    // Never cut a surrogate pair in half.
    return value.length <= max ? value : value.slice(0, max).replace(/[\ud800-\udbff]$/, '');
}

function isTime(value: unknown): value is number {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 253_402_300_800_000;
}

function idList(value: unknown, max: number): string[] | undefined {
    return Array.isArray(value) ? value.filter(isRecordId).slice(0, max) : undefined;
}

function boundedTags(value: unknown): ImageTag[] {
    if (!Array.isArray(value)) {
        return [];
    }
    const tags: ImageTag[] = [];
    for (const tag of value.slice(0, MAX_TAGS)) {
        const key = text((tag as Partial<ImageTag> | null)?.key, MAX_TAG_TEXT);
        if (key !== undefined) {
            tags.push({ key, value: text((tag as Partial<ImageTag>).value, MAX_TAG_TEXT) ?? '' });
        }
    }
    return tags;
}

function boundedImage(value: unknown): HistoryImage | undefined {
    if (typeof value !== 'object' || value === null) {
        return undefined;
    }
    const raw = value as Record<string, unknown>;
    const result = raw.result as ImageResult;
    if (!isRecordId(raw.id) || !IMAGE_RESULTS.includes(result)) {
        return undefined;
    }
    const reasonKind = text((raw.reason as HistoryReason | undefined)?.kind, MAX_RECORD_ID_LENGTH);
    const reasonDetail = text((raw.reason as HistoryReason | undefined)?.detail, MAX_TEXT);
    const name = text(raw.name, MAX_NAME);
    const error = text(raw.error, MAX_TEXT);
    const sizeGiB = typeof raw.sizeGiB === 'number' && Number.isFinite(raw.sizeGiB) && raw.sizeGiB >= 0 ? raw.sizeGiB : undefined;
    return {
        id: raw.id,
        ...(name !== undefined ? { name } : {}),
        ...(sizeGiB !== undefined ? { sizeGiB } : {}),
        regionIds: idList(raw.regionIds, MAX_REGIONS) ?? [],
        tags: boundedTags(raw.tags),
        result,
        ...(reasonKind !== undefined ? { reason: reasonDetail !== undefined ? { kind: reasonKind, detail: reasonDetail } : { kind: reasonKind } } : {}),
        ...(error !== undefined ? { error } : {}),
        ...(isTime(raw.goneAt) ? { goneAt: raw.goneAt } : {}),
    };
}

/** A well-formed entry within the bounds (long texts cut, long lists shortened), or undefined when it is not an entry. */
export function boundedEntry(value: unknown, id: unknown): HistoryEntry | undefined {
    if (typeof value !== 'object' || value === null) {
        return undefined;
    }
    const raw = value as Record<string, unknown>;
    const requested = idList(raw.requested, MAX_IMAGES_PER_ENTRY);
    const requestIds = idList(raw.requestIds, MAX_REQUEST_IDS);
    const trigger = raw.trigger as DeleteTrigger;
    if (
        !isRecordId(id) ||
        !isTime(raw.at) ||
        !isAccountName(raw.account) ||
        !DELETE_TRIGGERS.includes(trigger) ||
        !requested ||
        !requestIds ||
        !Array.isArray(raw.images)
    ) {
        return undefined;
    }
    const images: HistoryImage[] = [];
    for (const image of raw.images.slice(0, MAX_IMAGES_PER_ENTRY)) {
        const bounded = boundedImage(image);
        if (!bounded) {
            return undefined;
        }
        images.push(bounded);
    }
    const omitted =
        (typeof raw.omittedImages === 'number' && Number.isInteger(raw.omittedImages) && raw.omittedImages > 0 ? raw.omittedImages : 0) +
        (raw.images.length - images.length);
    const planFingerprint = text(raw.planFingerprint, MAX_RECORD_ID_LENGTH);
    return {
        id,
        at: raw.at,
        account: raw.account,
        trigger,
        requested,
        requestIds,
        images,
        ...(planFingerprint !== undefined ? { planFingerprint } : {}),
        ...(omitted > 0 ? { omittedImages: omitted } : {}),
    };
}

/** The entry with as many of its images as fit MAX_ENTRY_BYTES; the rest are counted in omittedImages. */
export function withinEntryBytes(entry: HistoryEntry): HistoryEntry {
    let bytes = 0;
    const fitting = entry.images.findIndex((image) => (bytes += Buffer.byteLength(JSON.stringify(image)) + 1) > MAX_ENTRY_BYTES);
    if (fitting < 0) {
        return entry;
    }
    return { ...entry, images: entry.images.slice(0, fitting), omittedImages: (entry.omittedImages ?? 0) + entry.images.length - fitting };
}
