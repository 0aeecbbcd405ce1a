module github.com/chatwoot-identity/chatwoot-identity/examples/web/go

go 1.24

require github.com/chatwoot-identity/chatwoot-identity/bindings/go v0.0.0

// The binding is used from this checkout (`make -C bindings/go lib` puts target/release's library in its internal/lib).
replace github.com/chatwoot-identity/chatwoot-identity/bindings/go => ../../../bindings/go
