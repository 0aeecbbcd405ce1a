package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

func main() {
	secret := []byte("your-secret-token-for-hmac")
	message := []byte("unique-identifier-of-the-user")

	hash := hmac.New(sha256.New, secret)
	hash.Write(message)

	identifierHash := hex.EncodeToString(hash.Sum(nil))
	fmt.Println(identifierHash)
}
