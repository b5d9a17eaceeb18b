//! The part of CEL (Common Expression Language) that `dsconfig.json` conditions use:
//! `dependsOn` ("show this field when …") and `requiredWhen` ("required when …"), e.g.
//! `root_basicAuth == true`, `jsonData_authMethod == 'serviceNowOAuth'`,
//! `jsonData_clientName != '' || jsonData_clientDomain != ''`.
//!
//! Supported: literals (`true`, `false`, `null`, numbers, `'…'` / `"…"` strings, `[…]`
//! lists), identifiers (a field id; dots allowed), `!`, unary `-`, `==` `!=` `<` `<=` `>`
//! `>=`, `in`, `&&`, `||`, `? :`, parentheses, and the functions `has(x)` and `size(x)`.
//! Anything else is a [`CelError`]: the caller decides what an unreadable condition means
//! (the editor shows the field, so nothing is hidden by a typo).
//!
//! ```
//! use grafana_model::cel::{eval, CelValue};
//! let vars = |name: &str| match name {
//!     "root_basicAuth" => CelValue::Bool(true),
//!     _ => CelValue::Null,
//! };
//! assert_eq!(eval("root_basicAuth == true", &vars), Ok(true));
//! assert_eq!(eval("jsonData_x in ['a', 'b']", &vars), Ok(false));
//! assert!(eval("root_basicAuth ==", &vars).is_err());
//! ```

use serde_json::Value;
use std::fmt;

/// A value an expression works with.
#[derive(Clone, Debug, PartialEq)]
pub enum CelValue {
    /// `null`, and every identifier with no value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// Every number (CEL's int, uint and double alike).
    Number(f64),
    /// A string.
    String(String),
    /// A list.
    List(Vec<CelValue>),
}

impl From<&Value> for CelValue {
    fn from(v: &Value) -> Self {
        match v {
            Value::Null | Value::Object(_) => CelValue::Null,
            Value::Bool(b) => CelValue::Bool(*b),
            Value::Number(n) => n.as_f64().map_or(CelValue::Null, CelValue::Number),
            Value::String(s) => CelValue::String(s.clone()),
            Value::Array(a) => CelValue::List(a.iter().map(CelValue::from).collect()),
        }
    }
}

impl CelValue {
    /// What kind of value this is. Errors name kinds, never values: a condition may read
    /// a secret typed in this session.
    pub fn kind(&self) -> &'static str {
        match self {
            CelValue::Null => "null",
            CelValue::Bool(_) => "a boolean",
            CelValue::Number(_) => "a number",
            CelValue::String(_) => "a string",
            CelValue::List(_) => "a list",
        }
    }
}

/// Why an expression could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CelError(pub String);

impl fmt::Display for CelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "condition: {}", self.0)
    }
}

impl std::error::Error for CelError {}

/// Deepest nesting accepted (parentheses, lists, `!`): a hostile schema cannot overflow
/// the stack.
const MAX_DEPTH: usize = 64;

/// Evaluates `expr` to a boolean, reading identifiers with `vars`. `null` (a lone field
/// with no value) is false; any other result that is not a boolean is an error.
pub fn eval(expr: &str, vars: &dyn Fn(&str) -> CelValue) -> Result<bool, CelError> {
    match evaluate(expr, vars)? {
        CelValue::Bool(b) => Ok(b),
        CelValue::Null => Ok(false),
        other => Err(CelError(format!(
            "`{expr}` gives {}, not a boolean",
            other.kind()
        ))),
    }
}

/// Evaluates `expr` to a value, reading identifiers with `vars`.
pub fn evaluate(expr: &str, vars: &dyn Fn(&str) -> CelValue) -> Result<CelValue, CelError> {
    let tokens = lex(expr)?;
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
        vars,
        depth: 0,
    };
    let value = parser.ternary()?;
    match parser.tokens.get(parser.at) {
        None => value,
        Some(t) => Err(CelError(format!("unexpected {}", t.describe()))),
    }
}

/// The identifiers `expr` reads (for checks: a condition naming a field that does not
/// exist). Empty when it cannot be read.
pub fn identifiers(expr: &str) -> Vec<String> {
    let Ok(tokens) = lex(expr) else {
        return Vec::new();
    };
    tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match t {
            Token::Ident(name)
                if !matches!(name.as_str(), "in" | "true" | "false" | "null")
                    && !matches!(tokens.get(i + 1), Some(Token::Punct("("))) =>
            {
                Some(name.clone())
            }
            _ => None,
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    Number(f64),
    Str(String),
    Punct(&'static str),
}

impl Token {
    /// The token in an error: names and operators as written, literals by kind only.
    fn describe(&self) -> String {
        match self {
            Token::Ident(name) => format!("`{name}`"),
            Token::Punct(p) => format!("`{p}`"),
            Token::Number(_) => "a number".to_owned(),
            Token::Str(_) => "a string".to_owned(),
        }
    }
}

const PUNCTS: [&str; 17] = [
    "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ",", "?", ":", "-",
];

fn lex(input: &str) -> Result<Vec<Token>, CelError> {
    let mut tokens = Vec::new();
    let mut rest = input;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if c == '\'' || c == '"' {
            let (text, after) = string_literal(rest, c)?;
            tokens.push(Token::Str(text));
            rest = after;
        } else if c.is_ascii_digit() {
            let end = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.'))
                .unwrap_or(rest.len());
            let text = &rest[..end];
            // CEL's unsigned suffix.
            let digits = text.strip_suffix(['u', 'U']).unwrap_or(text);
            let n: f64 = digits
                .parse()
                .map_err(|_| CelError(format!("`{text}` is not a number")))?;
            tokens.push(Token::Number(n));
            rest = &rest[end..];
        } else if c.is_alphabetic() || c == '_' {
            let end = rest
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '.'))
                .unwrap_or(rest.len());
            tokens.push(Token::Ident(rest[..end].trim_end_matches('.').to_owned()));
            rest = &rest[end..];
        } else if let Some(p) = PUNCTS.iter().find(|p| rest.starts_with(**p)) {
            tokens.push(Token::Punct(p));
            rest = &rest[p.len()..];
        } else {
            return Err(CelError(format!("unexpected `{c}`")));
        }
    }
    Ok(tokens)
}

/// A quoted string starting at `input[0] == quote`, with `\\`, `\'`, `\"`, `\n`, `\t`.
fn string_literal(input: &str, quote: char) -> Result<(String, &str), CelError> {
    let mut out = String::new();
    let mut chars = input.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, other)) => out.push(other),
                None => break,
            },
            c if c == quote => return Ok((out, &input[i + c.len_utf8()..])),
            c => out.push(c),
        }
    }
    Err(CelError("a string is not closed".to_owned()))
}

/// A value, or why it could not be computed. Kept apart from syntax errors so that `&&`,
/// `||` and `? :` absorb an error on the side that does not matter, as CEL does:
/// `has(x) && x > 1` is false when `x` is unset.
type Val = Result<CelValue, CelError>;

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    vars: &'a dyn Fn(&str) -> CelValue,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat(&mut self, punct: &str) -> bool {
        if matches!(self.peek(), Some(Token::Punct(p)) if *p == punct) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, punct: &str) -> Result<(), CelError> {
        if self.eat(punct) {
            Ok(())
        } else {
            Err(CelError(format!("`{punct}` expected")))
        }
    }

    fn deeper(&mut self) -> Result<(), CelError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(CelError("nested too deeply".to_owned()));
        }
        Ok(())
    }

    fn ternary(&mut self) -> Result<Val, CelError> {
        self.deeper()?;
        let condition = self.or()?;
        let value = if self.eat("?") {
            let yes = self.ternary()?;
            self.expect(":")?;
            let no = self.ternary()?;
            match condition {
                Ok(CelValue::Bool(true)) => yes,
                Ok(CelValue::Bool(false)) => no,
                Ok(other) => Err(CelError(format!(
                    "`?` needs a boolean, got {}",
                    other.kind()
                ))),
                Err(e) => Err(e),
            }
        } else {
            condition
        };
        self.depth -= 1;
        Ok(value)
    }

    fn or(&mut self) -> Result<Val, CelError> {
        self.junction("||", true, Self::and)
    }

    fn and(&mut self) -> Result<Val, CelError> {
        self.junction("&&", false, Self::relation)
    }

    /// `operand (op operand)*`, as CEL's commutative `||` (`absorbing` true) and `&&`
    /// (`absorbing` false): either side equal to `absorbing` decides, even when the other
    /// side is an error; otherwise an error on either side is the answer.
    fn junction(
        &mut self,
        op: &'static str,
        absorbing: bool,
        operand: fn(&mut Self) -> Result<Val, CelError>,
    ) -> Result<Val, CelError> {
        let mut left = operand(self)?;
        while self.eat(op) {
            let right = operand(self)?;
            left = match (truthy(&left, op), truthy(&right, op)) {
                (Ok(b), _) | (_, Ok(b)) if b == absorbing => Ok(CelValue::Bool(absorbing)),
                (Err(e), _) | (_, Err(e)) => Err(e),
                _ => Ok(CelValue::Bool(!absorbing)),
            };
        }
        Ok(left)
    }

    fn relation(&mut self) -> Result<Val, CelError> {
        let left = self.unary()?;
        let op = match self.peek() {
            Some(Token::Punct(p @ ("==" | "!=" | "<" | "<=" | ">" | ">="))) => *p,
            Some(Token::Ident(word)) if word == "in" => "in",
            _ => return Ok(left),
        };
        self.at += 1;
        let right = self.unary()?;
        Ok(compare(left, op, right))
    }

    fn unary(&mut self) -> Result<Val, CelError> {
        if self.eat("!") {
            self.deeper()?;
            let v = self.unary()?;
            self.depth -= 1;
            return Ok(truthy(&v, "!").map(|b| CelValue::Bool(!b)));
        }
        if self.eat("-") {
            self.deeper()?;
            let v = self.unary()?;
            self.depth -= 1;
            return Ok(v.and_then(|v| match v {
                CelValue::Number(n) => Ok(CelValue::Number(-n)),
                other => Err(CelError(format!("cannot negate {}", other.kind()))),
            }));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Val, CelError> {
        let Some(token) = self.peek().cloned() else {
            return Err(CelError("the condition ends too early".to_owned()));
        };
        self.at += 1;
        match token {
            Token::Number(n) => Ok(Ok(CelValue::Number(n))),
            Token::Str(s) => Ok(Ok(CelValue::String(s))),
            Token::Punct("(") => {
                let v = self.ternary()?;
                self.expect(")")?;
                Ok(v)
            }
            Token::Punct("[") => {
                self.deeper()?;
                let mut items = Vec::new();
                if !self.eat("]") {
                    loop {
                        items.push(self.ternary()?);
                        if self.eat("]") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
                self.depth -= 1;
                Ok(items
                    .into_iter()
                    .collect::<Result<Vec<_>, _>>()
                    .map(CelValue::List))
            }
            Token::Ident(name) => match name.as_str() {
                "true" => Ok(Ok(CelValue::Bool(true))),
                "false" => Ok(Ok(CelValue::Bool(false))),
                "null" => Ok(Ok(CelValue::Null)),
                "has" if self.eat("(") => {
                    let Some(Token::Ident(field)) = self.peek().cloned() else {
                        return Err(CelError("`has` needs a field".to_owned()));
                    };
                    self.at += 1;
                    self.expect(")")?;
                    Ok(Ok(CelValue::Bool((self.vars)(&field) != CelValue::Null)))
                }
                "size" if self.eat("(") => {
                    let arg = self.ternary()?;
                    self.expect(")")?;
                    Ok(arg.and_then(|arg| match arg {
                        CelValue::String(s) => Ok(CelValue::Number(s.chars().count() as f64)),
                        CelValue::List(l) => Ok(CelValue::Number(l.len() as f64)),
                        CelValue::Null => Ok(CelValue::Number(0.0)),
                        other => Err(CelError(format!("no size of {}", other.kind()))),
                    }))
                }
                _ if matches!(self.peek(), Some(Token::Punct("("))) => {
                    Err(CelError(format!("`{name}()` is not supported")))
                }
                _ => Ok(Ok((self.vars)(&name))),
            },
            Token::Punct(p) => Err(CelError(format!("unexpected `{p}`"))),
        }
    }
}

/// `left op right` for the relational operators and `in`.
fn compare(left: Val, op: &str, right: Val) -> Val {
    let (left, right) = (left?, right?);
    let result = match op {
        "==" => left == right,
        "!=" => left != right,
        "in" => match &right {
            CelValue::List(items) => items.contains(&left),
            CelValue::String(s) => matches!(&left, CelValue::String(l) if s.contains(l.as_str())),
            other => return Err(CelError(format!("`in` needs a list, got {}", other.kind()))),
        },
        _ => {
            let ordering = match (&left, &right) {
                (CelValue::Number(a), CelValue::Number(b)) => a.partial_cmp(b),
                (CelValue::String(a), CelValue::String(b)) => Some(a.cmp(b)),
                _ => None,
            };
            let Some(ordering) = ordering else {
                return Err(CelError(format!(
                    "cannot compare {} {op} {}",
                    left.kind(),
                    right.kind()
                )));
            };
            match op {
                "<" => ordering.is_lt(),
                "<=" => ordering.is_le(),
                ">" => ordering.is_gt(),
                _ => ordering.is_ge(),
            }
        }
    };
    Ok(CelValue::Bool(result))
}

/// `&&`, `||` and `!` take booleans; `null` (a field with no value) counts as false.
fn truthy(v: &Val, op: &str) -> Result<bool, CelError> {
    match v {
        Ok(CelValue::Bool(b)) => Ok(*b),
        Ok(CelValue::Null) => Ok(false),
        Ok(other) => Err(CelError(format!(
            "`{op}` needs a boolean, got {}",
            other.kind()
        ))),
        Err(e) => Err(e.clone()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vars(name: &str) -> CelValue {
        match name {
            "root_basicAuth" => CelValue::Bool(true),
            "jsonData_authMethod" => CelValue::String("serviceNowOAuth".into()),
            "jsonData_clientName" => CelValue::String(String::new()),
            "jsonData_timeout" => CelValue::Number(30.0),
            "jsonData.nested" => CelValue::String("dot".into()),
            _ => CelValue::Null,
        }
    }

    #[test]
    fn the_conditions_real_dsconfig_files_use() {
        assert_eq!(eval("root_basicAuth == true", &vars), Ok(true));
        assert_eq!(eval("root_basicAuth", &vars), Ok(true));
        assert_eq!(
            eval("jsonData_authMethod == 'serviceNowOAuth'", &vars),
            Ok(true)
        );
        assert_eq!(
            eval("jsonData_authMethod == \"basicAuth\"", &vars),
            Ok(false)
        );
        assert_eq!(
            eval(
                "jsonData_clientName != '' || jsonData_clientDomain != ''",
                &vars
            ),
            // An unset field is null, and null != ''.
            Ok(true)
        );
        assert_eq!(
            eval(
                "has(jsonData_clientDomain) && jsonData_clientName != ''",
                &vars
            ),
            Ok(false)
        );
    }

    #[test]
    fn operators_and_precedence() {
        assert_eq!(
            eval("!root_basicAuth || jsonData_timeout > 10", &vars),
            Ok(true)
        );
        assert_eq!(
            eval("!(root_basicAuth && jsonData_timeout >= 31)", &vars),
            Ok(true)
        );
        assert_eq!(eval("jsonData_timeout <= -1", &vars), Ok(false));
        assert_eq!(
            eval(
                "jsonData_authMethod in ['basicAuth', 'serviceNowOAuth']",
                &vars
            ),
            Ok(true)
        );
        assert_eq!(eval("'Now' in jsonData_authMethod", &vars), Ok(true));
        assert_eq!(eval("size(jsonData_authMethod) == 15", &vars), Ok(true));
        assert_eq!(
            eval("root_basicAuth ? jsonData_timeout == 30 : false", &vars),
            Ok(true)
        );
        assert_eq!(eval("jsonData.nested == 'dot'", &vars), Ok(true));
        assert_eq!(eval("missing", &vars), Ok(false));
        assert_eq!(eval("!missing", &vars), Ok(true));
        assert_eq!(eval("'a\\'b' == \"a'b\"", &vars), Ok(true));
    }

    #[test]
    fn what_cannot_be_read_is_an_error() {
        for bad in [
            "",
            "root_basicAuth ==",
            "(root_basicAuth",
            "jsonData_timeout > 'x'",
            "jsonData_authMethod && true",
            "matches(jsonData_authMethod, 'x')",
            "'open",
            "a = b",
            "1 2",
            "jsonData_timeout",
            "has('x')",
            "1x == 1",
        ] {
            assert!(eval(bad, &vars).is_err(), "{bad:?}");
        }
        let deep = format!("{}true{}", "(".repeat(200), ")".repeat(200));
        assert!(eval(&deep, &vars).is_err());
        let nots = format!("{}true", "!".repeat(200));
        assert!(eval(&nots, &vars).is_err());
    }

    #[test]
    fn and_or_and_the_ternary_absorb_an_error_on_the_side_that_does_not_matter() {
        // jsonData_port is unset (null): `null > 1` is an error, but the guard decides.
        assert_eq!(
            eval("has(jsonData_port) && jsonData_port > 1", &vars),
            Ok(false)
        );
        assert_eq!(
            eval("jsonData_port > 1 && has(jsonData_port)", &vars),
            Ok(false)
        );
        assert_eq!(
            eval("!has(jsonData_port) || jsonData_port > 1", &vars),
            Ok(true)
        );
        assert_eq!(
            eval("root_basicAuth ? true : jsonData_port > 1", &vars),
            Ok(true)
        );
        assert!(eval("root_basicAuth && jsonData_port > 1", &vars).is_err());
        assert!(eval("false || jsonData_port > 1", &vars).is_err());
        // A syntax error is never absorbed.
        assert!(eval("false && (", &vars).is_err());
    }

    #[test]
    fn errors_name_kinds_never_values() {
        let secret = |_: &str| CelValue::String("s3cr3t-typed".into());
        for expr in [
            "x > 1",
            "x && true",
            "-x",
            "x ? 1 : 2",
            "x in 1",
            "x",
            "x 'lit'",
        ] {
            let e = eval(expr, &secret).unwrap_err().to_string();
            assert!(!e.contains("s3cr3t") && !e.contains("lit"), "{expr}: {e}");
        }
    }

    #[test]
    fn identifiers_are_listed_without_functions() {
        assert_eq!(
            identifiers("has(a_b) && c.d == 'e' || size(f) > 1 && g in [true, null]"),
            vec!["a_b", "c.d", "f", "g"]
        );
    }

    proptest! {
        #[test]
        fn never_panics(expr in ".{0,80}") {
            let _ = eval(&expr, &vars);
            let _ = identifiers(&expr);
        }

        #[test]
        fn never_panics_on_expression_like_input(
            expr in "[a-z_ ()!=<>&|'\\[\\],?:.0-9-]{0,60}"
        ) {
            let _ = eval(&expr, &vars);
        }
    }
}
