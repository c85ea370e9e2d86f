import { IMAGE_STATUSES, type ImageStatus, OS_TYPES, type OsType } from '../../zenlayer/types';

/** The server-side filter the user can set from the view title; persisted per workspace. */
export interface ImageFilter {
    readonly name?: string;
    readonly status?: ImageStatus;
    readonly osType?: OsType;
    /** Only images no instance uses (applied by the extension from DescribeInstances, not by the API). */
    readonly unusedOnly?: boolean;
}

export function isFilterActive(filter: ImageFilter): boolean {
    return filter.name !== undefined || filter.status !== undefined || filter.osType !== undefined || filter.unusedOnly === true;
}

/** Accepts only what this extension wrote to workspaceState; anything else means "no filter". */
export function parseStoredFilter(stored: unknown): ImageFilter {
    if (typeof stored !== 'object' || stored === null) {
        return {};
    }
    const record = stored as Record<string, unknown>;
    const name = typeof record.name === 'string' && record.name.trim() !== '' ? record.name.trim() : undefined;
    const status = (IMAGE_STATUSES as readonly unknown[]).includes(record.status) ? (record.status as ImageStatus) : undefined;
    const osType = (OS_TYPES as readonly unknown[]).includes(record.osType) ? (record.osType as OsType) : undefined;
    const unusedOnly = record.unusedOnly === true;
    return { ...(name ? { name } : {}), ...(status ? { status } : {}), ...(osType ? { osType } : {}), ...(unusedOnly ? { unusedOnly } : {}) };
}

/** `name: web · status: AVAILABLE`, with field labels supplied by the caller (localised). */
export function describeFilter(filter: ImageFilter, labels: { name: string; status: string; osType: string; unusedOnly: string }): string {
    const parts: string[] = [];
    if (filter.name !== undefined) {
        parts.push(`${labels.name}: ${filter.name}`);
    }
    if (filter.status !== undefined) {
        parts.push(`${labels.status}: ${filter.status}`);
    }
    if (filter.osType !== undefined) {
        parts.push(`${labels.osType}: ${filter.osType}`);
    }
    if (filter.unusedOnly) {
        parts.push(labels.unusedOnly);
    }
    return parts.join(' · ');
}
