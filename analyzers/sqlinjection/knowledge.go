package sqlinjection

// This file is the analyzer's knowledge of library functions, as data:
// where untrusted input comes from, which functions carry it through, and
// which make it safe to put in SQL text. The tracer reads these tables; it
// does not hard-code function names.

// Sanitizers are functions whose string result cannot inject SQL, keyed by
// qualified callee (types.Func.FullName).
var Sanitizers = map[string]string{
	"(github.com/jackc/pgx/v5.Identifier).Sanitize": "quotes and escapes each part of an identifier",
	"github.com/lib/pq.QuoteIdentifier":             "quotes and escapes an identifier",
	"github.com/lib/pq.QuoteLiteral":                "quotes and escapes a string literal",
	"strconv.Itoa":                                  "an integer",
	"strconv.FormatInt":                             "an integer",
	"strconv.FormatUint":                            "an integer",
	"strconv.FormatFloat":                           "a number",
	"strconv.FormatBool":                            "true or false",
	"strconv.FormatComplex":                         "a number",
	"(time.Time).Format":                            "a timestamp in a layout",
	"(time.Time).String":                            "a timestamp",
	"(time.Duration).String":                        "a duration",
	"(time.Month).String":                           "a month name",
	"(time.Weekday).String":                         "a weekday name",
}

// Propagators are packages whose functions return text made of their
// arguments (strings.ToLower(x) carries x). Only their results of a type
// that can hold text are followed.
var Propagators = map[string]bool{
	"strings":       true,
	"bytes":         true,
	"path":          true,
	"path/filepath": true,
}

// PropagatorFuncs are single functions outside Propagators that carry
// their arguments into their result.
var PropagatorFuncs = map[string]bool{
	"strconv.Quote":                     true, // Go quoting is not SQL quoting
	"strconv.QuoteToASCII":              true,
	"strconv.Unquote":                   true,
	"net/url.QueryUnescape":             true,
	"net/url.PathUnescape":              true,
	"(*strings.Replacer).Replace":       true,
	"(*net/url.URL).String":             true,
	"(*net/url.URL).EscapedPath":        true,
	"(*net/url.URL).Query":              true,
	"(*net/url.URL).Hostname":           true,
	"(*net/url.URL).Port":               true,
	"(*net/url.URL).RequestURI":         true,
	"(net/url.Values).Get":              true,
	"(net/url.Values).Encode":           true,
	"(net/http.Header).Get":             true,
	"(net/http.Header).Values":          true,
	"(*net/http.Cookie).String":         true,
	"(*mime/multipart.Form).Value":      true,
	"io.ReadAll":                        true,
	"io/ioutil.ReadAll":                 true,
	"github.com/gorilla/mux.Vars":       true,
	"github.com/go-chi/chi/v5.URLParam": true,
	"github.com/go-chi/chi.URLParam":    true,
	"(*bufio.Reader).ReadString":        true,
}

// Formatters are fmt functions whose result is their format and
// arguments; the value of the map is the index of the first argument
// after the format (-1: no format, every argument is printed).
var Formatters = map[string]int{
	"fmt.Sprintf":  1,
	"fmt.Sprint":   -1,
	"fmt.Sprintln": -1,
	"fmt.Appendf":  2,
}

// Writers append their arguments to a strings.Builder or bytes.Buffer
// receiver (methods) or first argument (functions): the index of the
// first argument written, and for fmt functions whether it is a format.
var Writers = map[string]struct {
	Arg    int
	Format bool
}{
	"(*strings.Builder).WriteString": {0, false},
	"(*strings.Builder).Write":       {0, false},
	"(*strings.Builder).WriteByte":   {0, false},
	"(*strings.Builder).WriteRune":   {0, false},
	"(*bytes.Buffer).WriteString":    {0, false},
	"(*bytes.Buffer).Write":          {0, false},
	"(*bytes.Buffer).WriteByte":      {0, false},
	"(*bytes.Buffer).WriteRune":      {0, false},
	"fmt.Fprintf":                    {1, true},
	"fmt.Fprint":                     {1, false},
	"fmt.Fprintln":                   {1, false},
	"io.WriteString":                 {1, false},
}

// BuilderTypes are the types whose String (or Bytes) method returns what
// was written into them, and how messages name them.
var BuilderTypes = map[string]string{
	"strings.Builder": "strings.Builder",
	"bytes.Buffer":    "bytes.Buffer",
}

// Request data: expressions rooted at a value of one of RequestRoots, or
// reached from one through RequestCarriers, are input from the client.
var RequestRoots = map[string]bool{
	"*net/http.Request": true,
	"net/http.Request":  true,
	"net/url.Values":    true,
}

// RequestCarriers are the types a request's data passes through on its way
// to a string: r.URL, r.Header, r.Body, r.Cookie(...), r.MultipartForm.
var RequestCarriers = map[string]bool{
	"*net/url.URL":           true,
	"net/url.URL":            true,
	"net/url.Values":         true,
	"net/http.Header":        true,
	"io.ReadCloser":          true,
	"io.Reader":              true,
	"*net/http.Cookie":       true,
	"*mime/multipart.Form":   true,
	"*bufio.Reader":          true,
	"*bufio.Scanner":         true,
	"*encoding/json.Decoder": true,
	"*encoding/xml.Decoder":  true,
}

// RequestExtractors are functions that read request data from their
// arguments (mux.Vars(r), chi.URLParam(r, "id"), io.ReadAll(r.Body)).
var RequestExtractors = map[string]bool{
	"github.com/gorilla/mux.Vars":       true,
	"github.com/go-chi/chi/v5.URLParam": true,
	"github.com/go-chi/chi.URLParam":    true,
	"io.ReadAll":                        true,
	"io/ioutil.ReadAll":                 true,
	"bufio.NewReader":                   true,
	"bufio.NewScanner":                  true,
	"encoding/json.NewDecoder":          true, // json.NewDecoder(r.Body).Decode(&req)
	"encoding/json.Unmarshal":           true, // json.Unmarshal(body, &req)
	"encoding/xml.NewDecoder":           true,
	"encoding/xml.Unmarshal":            true,
}

// ProcessSources are functions and variables that return the process's
// environment or command line, and how messages name them.
var ProcessSources = map[string]srcKind{
	"os.Getenv":    srcEnv,  // Getenv(key string) string
	"os.LookupEnv": srcEnv,  // LookupEnv(key string) (string, bool)
	"os.Args":      srcArgs, // var Args []string
	"flag.Arg":     srcArgs, // Arg(i int) string
	"flag.Args":    srcArgs, // Args() []string
}

// IdentifierFragments are GORM methods whose string argument is a list of
// column names (not a condition): a value there can only be chosen from a
// fixed set, never bound as an argument.
var IdentifierFragments = map[string]bool{
	"(*gorm.io/gorm.DB).Order":  true,
	"(*gorm.io/gorm.DB).Group":  true,
	"(*gorm.io/gorm.DB).Select": true,
}
