module github.com/chatwoot-identity/chatwoot-identity/bindings/go

// 1.24: the `#cgo noescape` / `#cgo nocallback` annotations and runtime.AddCleanup.
go 1.24
