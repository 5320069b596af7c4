// The system libcurl (Debian: libcurl4-openssl-dev), for SMTP with implicit TLS (smtps://) or
// STARTTLS. curl_easy_setopt is variadic, which Swift cannot call: one typed wrapper per kind.
#include <curl/curl.h>

static inline CURLcode xt_setopt_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode xt_setopt_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode xt_setopt_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode xt_setopt_read(CURL *curl, size_t (*callback)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(curl, CURLOPT_READFUNCTION, callback);
}
