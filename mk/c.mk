# The C tests (tests/c/), included by the top-level Makefile.
#
#   make test-c     the header as C99 and C++11, the exported symbols, and the C API test
#                   (every function, every bad input, every vector, two threads sharing a key),
#                   and the re-entrancy test (a timer signal whose handler hashes mid-call)
#                   and the render test (size protocol, hostile values, every status)
#                   and the matrix test (every case of tests/bad_input_matrix.json for C)
#   make test-c-render-asan   the render test under ASan/UBSan (also run by `make test`)
#
# Test programs link against target/release/libchatwoot_identity.so. Its SONAME is
# libchatwoot_identity.so.0, so build/c/lib holds that name as a symlink, and each run picks
# its library with LD_LIBRARY_PATH (the panic-test suite runs the same programs against
# another build of the library).

# (C_BUILD, C_RUN, C_TEST_CFLAGS, SAN_ENV and the other shared variables: the top-level Makefile.)
.PHONY: test-c check-header-c check-exports

test-c: build check-header-c check-exports $(C_BUILD)/test_api $(C_BUILD)/test_reentrancy $(C_BUILD)/test_render $(C_BUILD)/test_matrix $(C_BUILD)/header_cxx $(C_LIB_DIR)/libchatwoot_identity.so.0
	$(C_RUN) $(C_BUILD)/test_api
	$(C_RUN) $(C_BUILD)/test_matrix
	$(C_RUN) $(C_BUILD)/test_reentrancy
	$(C_RUN) $(C_BUILD)/test_render
	$(C_RUN) $(C_BUILD)/header_cxx

# The header alone, as C99 and as C++11, with every warning an error.
check-header-c:
	$(CC) -x c $(C_STD_FLAGS) -fsyntax-only $(HEADER)
	$(CXX) -x c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only $(HEADER)
	@echo "check-header-c: $(HEADER) compiles as C99 and C++11"

check-exports: build
	tests/c/check_exports.sh $(RELEASE)/libchatwoot_identity.so $(HEADER)

# The vectors, generated from the committed JSON at build time.
$(C_BUILD)/vectors.h: tests/vectors.json tests/c/gen_vectors_h.py
	@mkdir -p $(@D)
	python3 tests/c/gen_vectors_h.py $< $@

# The bad-input matrix's cases that apply to C, from tests/bad_input_matrix.json.
$(C_BUILD)/matrix_cases.h: tests/bad_input_matrix.json scripts/check-matrix $(HEADER)
	@mkdir -p $(@D)
	scripts/check-matrix --c-cases $@

$(C_BUILD)/test_matrix: $(C_BUILD)/matrix_cases.h

$(C_LIB_DIR)/libchatwoot_identity.so.0:
	@mkdir -p $(@D)
	ln -sfn $(CURDIR)/$(RELEASE)/libchatwoot_identity.so $@

$(C_BUILD)/%: tests/c/%.c $(C_TEST_DEPS) | build
	@mkdir -p $(@D)
	$(CC) $(C_TEST_CFLAGS) $< -o $@ $(C_TEST_LIBS)

$(C_BUILD)/header_cxx: tests/c/header_cxx.cpp $(HEADER) | build
	@mkdir -p $(@D)
	$(CXX) -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iinclude $< -o $@ $(C_TEST_LIBS)

# Any C test under AddressSanitizer and UBSan.
$(C_BUILD)/asan/%: tests/c/%.c $(C_TEST_DEPS) | build
	@mkdir -p $(@D)
	$(CC) $(C_TEST_CFLAGS) -O1 $(SAN_FLAGS) $< -o $@ $(C_TEST_LIBS)

# The render test under AddressSanitizer and UBSan.
.PHONY: test-c-render-asan
test-c-render-asan: build $(C_BUILD)/asan/test_render $(C_LIB_DIR)/libchatwoot_identity.so.0
	$(SAN_ENV) $(C_RUN) $(C_BUILD)/asan/test_render
