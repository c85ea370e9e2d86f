/**
 * Text from the server or the user shown in a MarkdownString: no character of it may format or link. `.` and `:` are
 * escaped too, so a name holding a URL is not turned into a link by the renderer's autolinking.
 */
export function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&').replace(/\n/g, ' ');
}
