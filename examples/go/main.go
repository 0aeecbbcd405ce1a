// Command example prints the identifier_hash of Chatwoot's documented sample, computed
// through the chatwootidentity binding. The hash is the last line of output.
package main

import (
	"fmt"
	"log"
	"strings"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"
)

func main() {
	// The inbox's secret (Inbox settings > Configuration > Identity validation) and the
	// identifier the website passes to window.$chatwoot.setUser.
	secret := "your-secret-token-for-hmac"
	identifier := "unique-identifier-of-the-user"

	// A server creates one Key per inbox at start-up and shares it between handlers.
	key, err := chatwootidentity.NewKey(secret)
	if err != nil {
		log.Fatal(err)
	}
	defer key.Close()

	identifierHash, err := key.IdentifierHash(identifier)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("libchatwoot_identity %s, identifier %q\n", chatwootidentity.Version(), identifier)

	// Debugging a rejected hash: Explain names the likely mistake (not constant-time, so
	// never for deciding a login; Verify is the check).
	explanation, err := chatwootidentity.Explain(secret, identifier, strings.ToUpper(identifierHash))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("explain(uppercase hash): %s: %s\n", explanation, explanation.Message())
	fmt.Println(identifierHash)
}
