package chatwootidentity_test

import (
	"errors"
	"fmt"
	"log"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"
)

// Chatwoot's documented Go sample, through the library.
func ExampleIdentifierHash() {
	identifierHash, err := chatwootidentity.IdentifierHash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(identifierHash)
	// Output: fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c
}

// A server keeps one Key per inbox secret and shares it between request handlers.
func ExampleKey_IdentifierHash() {
	key, err := chatwootidentity.NewKey("your-secret-token-for-hmac")
	if err != nil {
		log.Fatal(err)
	}
	defer key.Close()
	identifierHash, err := key.IdentifierHash("unique-identifier-of-the-user")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(identifierHash)
	// Output: fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c
}

func ExampleKey_IdentifierHashes() {
	key, err := chatwootidentity.NewKey("your-secret-token-for-hmac")
	if err != nil {
		log.Fatal(err)
	}
	defer key.Close()
	hashes, err := key.IdentifierHashes([]string{"unique-identifier-of-the-user", "unique-identifier-key-of-the-user"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range hashes {
		fmt.Println(h)
	}
	_, err = key.IdentifierHashes([]string{"a", "", "c"})
	var batchErr *chatwootidentity.BatchError
	fmt.Println(errors.As(err, &batchErr), batchErr.Index, errors.Is(err, chatwootidentity.ErrEmptyIdentifier))
	// Output:
	// fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c
	// 75ab5deb179f67340451187d15e16add60f73d07f0c562278e1e0fdfb11130cb
	// true 1 true
}

func ExampleVerify() {
	fmt.Println(chatwootidentity.Verify("your-secret-token-for-hmac", "unique-identifier-of-the-user",
		"fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"))
	fmt.Println(chatwootidentity.Verify("your-secret-token-for-hmac", "someone-else",
		"fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"))
	// Output:
	// true
	// false
}

// A secret read from a file or an environment variable often ends with a newline.
func ExampleNewKey_secretWhitespace() {
	_, err := chatwootidentity.NewKey("your-secret-token-for-hmac\n")
	fmt.Println(errors.Is(err, chatwootidentity.ErrSecretWhitespace))
	// Output: true
}

// Explain names the likely mistake behind a hash that Chatwoot rejects (a debugging aid:
// Verify stays the check that decides).
func ExampleExplain() {
	e, err := chatwootidentity.Explain("your-secret-token-for-hmac", "unique-identifier-of-the-user",
		"FA803C5EF0DC4056F15936CC79E6C9EB912FE55B5D7AFB9C0A14F3A1A491700C")
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Verdict, e.IsMatch(), e.Verdict == chatwootidentity.VerdictUppercaseHex)
	fmt.Println(e.Message())
	// Output:
	// uppercase_hex false true
	// the hash is right but in uppercase hex; Chatwoot compares byte for byte: send it in lowercase
}

// Other candidates: the token before a rotation reproduces the hash (named by position).
func ExampleExplain_candidates() {
	e, err := chatwootidentity.Explain("your-secret-token-for-hmac", "unique-identifier-of-the-user",
		"abaae66f74d8e65997c00f40c90605ea7e489643878792c676d5f1b678f95e51",
		chatwootidentity.WithOtherSecrets("another-inbox-token", "the-token-before-rotation"),
		chatwootidentity.WithOtherIdentifiers("jane@example.com"))
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Verdict, e.CandidateKind, e.CandidateIndex)
	// Output: other_candidate secret 1
}

// The payload for a single-page app's endpoint: a numeric id goes through IntIdentifier,
// so it arrives as a string.
func ExampleKey_SetUserPayload() {
	key, err := chatwootidentity.NewKey("your-secret-token-for-hmac")
	if err != nil {
		panic(err)
	}
	defer key.Close()
	payload, err := key.SetUserPayload(chatwootidentity.IntIdentifier(int64(9007199254740993)),
		chatwootidentity.Fields{Name: "Jane", Email: "jane@example.com"})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(payload))
	// Output: {"identifier":"9007199254740993","identifier_hash":"5db3565a62b00f759c3f0da5d190984720c97b11d1f7516e2b5d43c5cc43329a","name":"Jane","email":"jane@example.com"}
}
