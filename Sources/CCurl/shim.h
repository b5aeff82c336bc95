#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
/* The HTTPS fetcher for did:web (DIDResolution) is the only user of libcurl. */
#include <curl/curl.h>
#endif
