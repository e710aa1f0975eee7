#ifndef STET_CLIBXML2_SHIM_H
#define STET_CLIBXML2_SHIM_H
/* Debian builds libxml2 with ICU; its ICU headers clash with the ICU copy inside Foundation.
   Nothing here uses libxml2's ICU converters, so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>
#include <libxml/globals.h>
#include <stdlib.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses as shared mutable state.
static inline void stet_xmlFree(void *pointer) { xmlFree(pointer); }

/// The version of the libxml2 loaded at run time (e.g. 20914 for 2.9.14), which may differ from
/// the headers' `LIBXML_VERSION`; `xmlParserVersion` is a global Swift 6 cannot read directly.
static inline int stet_xmlRuntimeVersion(void) { return xmlParserVersion ? atoi(xmlParserVersion) : 0; }
#endif
