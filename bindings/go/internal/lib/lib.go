// Package lib holds no code: it makes this folder a package that the module imports, so
// `go mod vendor` copies the prebuilt libraries and the header here along with it.
package lib
