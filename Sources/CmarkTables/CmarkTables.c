// cmark-gfm (0.29) toggles its extensions' special characters in two process-global tables
// around every inline parse: cmark_manage_extensions_special_characters(parser, 1) before,
// (parser, 0) after. A parse on one thread can thus remove '~', '|' or ':' while another is
// reading them, which is why the library is unsafe on two threads (github/cmark-gfm#176).
//
// The library calls that function through its PLT, so this definition in the executable takes
// its place. Until kb freezes the tables it forwards every call; afterwards the tables hold the
// characters of every extension kb attaches (kb attaches the same ones to every parser, so each
// parse sees exactly the table it saw before) and nothing writes them again. Markdown.swift
// checks kb_cmark_hook_called() after a first parse and keeps its lock when the hook is not in
// use (another libc or linker that binds the call inside the library).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "CmarkTables.h"

typedef void (*manage_fn)(void *parser, int add);

static manage_fn real_manage;
static int frozen;
static int hook_called;

static manage_fn find_real(void) {
    manage_fn found = __atomic_load_n(&real_manage, __ATOMIC_ACQUIRE);
    if (found == NULL) {
        found = (manage_fn)dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
        __atomic_store_n(&real_manage, found, __ATOMIC_RELEASE);
    }
    return found;
}

void cmark_manage_extensions_special_characters(void *parser, int add) {
    __atomic_store_n(&hook_called, 1, __ATOMIC_RELAXED);
    if (__atomic_load_n(&frozen, __ATOMIC_ACQUIRE)) return;
    manage_fn real = find_real();
    if (real != NULL) real(parser, add);
}

int kb_cmark_freeze_special_characters(void *parser) {
    manage_fn real = find_real();
    if (real == NULL) return 0;
    real(parser, 1);
    __atomic_store_n(&frozen, 1, __ATOMIC_RELEASE);
    return 1;
}

int kb_cmark_hook_called(void) { return __atomic_load_n(&hook_called, __ATOMIC_RELAXED); }
