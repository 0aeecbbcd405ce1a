module github.com/chatwoot-identity/chatwoot-identity/examples/go

go 1.24

require github.com/chatwoot-identity/chatwoot-identity/bindings/go v0.0.0

// The binding is used from this checkout (it links ../../target/release/libchatwoot_identity.a).
replace github.com/chatwoot-identity/chatwoot-identity/bindings/go => ../../bindings/go
