// The header from C++11: it must compile warning-free (-Wall -Wextra -Wpedantic -Werror)
// and link with C linkage (extern "C"), so a C++ caller can use the library directly.
#include "chatwoot_identity.h"

#include <cstdio>
#include <cstring>

static_assert(CW_HASH_LEN == 64, "an identifier_hash is 64 hex characters");
static_assert(CW_ABI_VERSION == 2, "written for ABI 2");
static_assert(CW_STATUS_OK == 0 && CW_STATUS_INTERNAL_ERROR == -7, "status values are fixed");

int main() {
  static const char secret[] = "your-secret-token-for-hmac";
  static const char identifier[] = "unique-identifier-of-the-user";
  char out[CW_HASH_LEN + 1];
  cw_status st = cw_identifier_hash(reinterpret_cast<const uint8_t *>(secret), sizeof secret - 1,
                                    reinterpret_cast<const uint8_t *>(identifier), sizeof identifier - 1, out,
                                    sizeof out);
  if (st != CW_STATUS_OK || std::strcmp(out, "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c") != 0) {
    std::fprintf(stderr, "header_cxx: the documented sample failed (status %d)\n", static_cast<int>(st));
    return 1;
  }
  std::printf("header_cxx: the header works from C++11\n");
  return 0;
}
