/* The documented sample through the C API.
 * Build: cc -Iinclude examples/c/identifier_hash.c -Ltarget/release -lchatwoot_identity */
#include <stdio.h>
#include <string.h>

#include "chatwoot_identity.h"

int main(void) {
    const char *secret = "your-secret-token-for-hmac"; /* from configuration in real code */
    const char *identifier = "unique-identifier-of-the-user";
    char identifier_hash[CW_HASH_LEN + 1];

    cw_status status = cw_identifier_hash((const uint8_t *)secret, strlen(secret),
                                          (const uint8_t *)identifier, strlen(identifier),
                                          identifier_hash, sizeof identifier_hash);
    if (status != CW_STATUS_OK) {
        fprintf(stderr, "cw_identifier_hash: %s\n", cw_status_message(status));
        return 1;
    }
    printf("%s\n", identifier_hash);
    return 0;
}
