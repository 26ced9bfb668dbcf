package dsn

const defaultURL = "user=postgres password=postgres dbname=app sslmode=disable" // want `connection string "user=postgres password=xxxxx dbname=app sslmode=disable" has a hardcoded password`

// Near-miss: comparing with the default to warn about it uses no
// credential.
func isDefault(url string) bool {
	return url == "user=postgres password=postgres dbname=app sslmode=disable"
}

func describe(url string) string {
	switch url {
	case "user=postgres password=postgres dbname=app sslmode=disable":
		return "default"
	}
	return "custom"
}

// Finding: a literal concatenated into a DSN is still a credential.
func withOptions(opts string) string {
	return "postgres://app:s3cret@db.internal/app?" + opts // want `has a hardcoded password`
}
