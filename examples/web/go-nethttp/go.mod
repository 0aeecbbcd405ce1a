module example.com/go-nethttp

go 1.24

require github.com/chatwoot-identity/chatwoot-identity/bindings/go v0.1.0
