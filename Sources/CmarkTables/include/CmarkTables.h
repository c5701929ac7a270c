#ifndef KB_CMARK_TABLES_H
#define KB_CMARK_TABLES_H

/// Sets the special characters of the extensions attached to `parser` in cmark-gfm's global
/// inline tables once and for all, and from then on makes the library's own per-parse add and
/// remove do nothing. Returns 1 when done. Call once, before any other parse.
int kb_cmark_freeze_special_characters(void *parser);

/// 1 once cmark-gfm has called this file's cmark_manage_extensions_special_characters instead
/// of its own (the dynamic linker bound the library's call to the executable's definition).
int kb_cmark_hook_called(void);

#endif
