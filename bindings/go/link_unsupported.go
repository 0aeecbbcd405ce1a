//go:build !chatwoot_identity_system && !(linux && (amd64 || arm64))

package chatwootidentity

// No prebuilt library ships for this GOOS/GOARCH: fail at compile time with a name that
// says what to do, rather than at link time with a missing symbol.
var _ = no_prebuilt_libchatwoot_identity_for_this_platform__install_it_and_build_with_tag_chatwoot_identity_system
