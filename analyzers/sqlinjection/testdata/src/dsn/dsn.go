// Package dsn: connection strings and driver configs.
package dsn

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

const prodURL = "postgres://app:s3cret@db.internal:5432/shop" // want `^connection string "postgres://app:xxxxx@db.internal:5432/shop" has a hardcoded password; read it from the environment or a secret store$`

var defaultDSN = "host=db.internal user=app password=changeme dbname=shop" // want `^connection string "host=db.internal user=app password=xxxxx dbname=shop" has a hardcoded password; read it from the environment or a secret store$`

func Open() (*sql.DB, error) {
	return sql.Open("pgx", "postgresql://app:hunter2@10.0.0.5/shop?sslmode=disable") // want `connection string "postgresql://app:xxxxx@10.0.0.5/shop\?sslmode=disable" has a hardcoded password` `connection string "postgresql://app:xxxxx@10.0.0.5/shop\?sslmode=disable" disables TLS for host "10.0.0.5"; use sslmode=verify-full \(or at least require\)`
}

func OpenKV() (*sql.DB, error) {
	return sql.Open("postgres", "host=db.prod.example.com port=5432 user=app dbname=shop sslmode=disable") // want `^connection string "host=db.prod.example.com port=5432 user=app dbname=shop sslmode=disable" disables TLS for host "db.prod.example.com"; use sslmode=verify-full \(or at least require\)$`
}

func Quoted() string {
	return "host=db user=app password='it\\'s secret' dbname=shop" // want `connection string "host=db user=app password=xxxxx dbname=shop" has a hardcoded password`
}

func Config(ctx context.Context) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig("postgres://app@db.internal/shop")
	if err != nil {
		return nil, err
	}
	cfg.ConnConfig.Password = "s3cret" // want `^cfg.ConnConfig.Password is set to a hardcoded password; read it from the environment or a secret store$`
	return pgxpool.NewWithConfig(ctx, cfg)
}

func Literal(ctx context.Context) (*pgx.Conn, error) {
	cc := &pgx.ConnConfig{Config: pgconn.Config{Host: "db.internal", User: "app", Password: "s3cret"}} // want `^pgconn.Config literal sets a hardcoded Password; read it from the environment or a secret store$`
	return pgx.ConnectConfig(ctx, cc)
}

// --- silent

const (
	envTemplate  = "postgres://app:${DB_PASSWORD}@db.internal/shop"
	envTemplate2 = "postgres://app:$DB_PASSWORD@db.internal/shop"
	noPassword   = "postgres://app@db.internal/shop?sslmode=verify-full"
	emptyPass    = "host=db.internal user=app password='' dbname=shop"
	redactedDSN  = "postgres://app:*****@db.internal/shop"
	notADSN      = "user=%s logged in from host=%s"
	sqlText      = "SELECT id FROM users WHERE password = $1 AND host = $2"
)

func Formatted(host, pass string) string {
	return fmt.Sprintf("postgres://app:%s@%s/shop?sslmode=disable", pass, host)
}

func FormattedKV(host, pass string) string {
	return fmt.Sprintf("host=%s user=app password=%s dbname=shop sslmode=disable", host, pass)
}

func Local() []string {
	return []string{
		"postgres://app@localhost:5432/shop?sslmode=disable",
		"postgres://app@127.0.0.1/shop?sslmode=disable",
		"postgres://app@[::1]:5432/shop?sslmode=disable",
		"host=/var/run/postgresql user=app dbname=shop sslmode=disable",
		"postgres:///shop?host=/tmp&sslmode=disable",
		"user=app dbname=shop sslmode=disable",
	}
}

func FromEnv(ctx context.Context) (*pgx.Conn, error) {
	cc, err := pgx.ParseConfig(os.Getenv("DATABASE_URL"))
	if err != nil {
		return nil, err
	}
	cc.Password = os.Getenv("DB_PASSWORD")
	cfg := pgconn.Config{Host: "db.internal", Password: os.Getenv("DB_PASSWORD")}
	_ = cfg
	return pgx.ConnectConfig(ctx, cc)
}

type Settings struct {
	URL string `env:"DATABASE_URL" default:"postgres://app:s3cret@db.internal/shop"`
}
