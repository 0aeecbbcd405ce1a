// A separate module, so the binding itself keeps no dependency: only `make dist` uses it.
module github.com/chatwoot-identity/chatwoot-identity/bindings/go/tools/modproxy

go 1.24

require golang.org/x/mod v0.24.0
