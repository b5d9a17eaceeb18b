//! One backend plugin's process, run as Grafana runs it through go-plugin: started with
//! only Grafana's plugin variables, its first stdout line read as the handshake
//! (`1|2|tcp|127.0.0.1:PORT|grpc`), its stderr relayed to devserver's log, and started
//! again one second after it exits (Grafana's `keepPluginAlive`). Dropping the process
//! (devserver stopping) kills it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tonic::transport::{Channel, Endpoint};

/// How long a plugin may take to print its handshake line (go-plugin's default: 1 minute).
pub const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Why a plugin process could not be started; each names the plugin and is logged once per
/// attempt (it never holds a secret: the process gets none on its command line or env).
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The executable could not be run.
    #[error("cannot run {path}: {source}")]
    Spawn {
        /// The executable.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// No handshake line in time.
    #[error(
        "no handshake line within {0} s (a backend plugin prints `1|2|tcp|ADDRESS|grpc` first)"
    )]
    NoHandshake(u64),
    /// The process ended before its handshake.
    #[error("the process exited before its handshake line")]
    ExitedEarly,
    /// A handshake line Grafana would refuse.
    #[error("handshake line {0:?} is not Grafana's `1|2|tcp|ADDRESS|grpc`")]
    BadHandshake(String),
    /// The announced address does not answer gRPC.
    #[error("cannot connect to the address of its handshake: {0}")]
    Connect(String),
}

/// The handshake's address: Grafana's core version 1, plugin protocol 2, TCP, gRPC.
pub fn parse_handshake(line: &str) -> Result<String, StartError> {
    let bad = || StartError::BadHandshake(line.chars().take(120).collect());
    let parts: Vec<&str> = line.trim().split('|').collect();
    match parts.as_slice() {
        ["1", "2", "tcp", addr, "grpc", ..] if !addr.is_empty() => Ok((*addr).to_owned()),
        _ => Err(bad()),
    }
}

/// A started plugin: the child process and the gRPC channel to it.
struct Running {
    child: Child,
    channel: Channel,
}

async fn start(
    executable: &Path,
    env: &[(String, String)],
    timeout: Duration,
    plugin_id: &str,
) -> Result<Running, StartError> {
    let mut command = Command::new(executable);
    command
        // Only Grafana's variables: never devserver's environment, which may hold
        // DEVSERVER_* settings, the secret key or a Grafana token.
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .current_dir(executable.parent().unwrap_or(Path::new(".")))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    let mut child = command.spawn().map_err(|source| StartError::Spawn {
        path: executable.display().to_string(),
        source,
    })?;
    if let Some(stderr) = child.stderr.take() {
        tokio::spawn(relay_log(plugin_id.to_owned(), stderr));
    }
    let stdout = child.stdout.take().ok_or(StartError::ExitedEarly)?;
    let mut lines = BufReader::new(stdout).lines();
    let line = match tokio::time::timeout(timeout, lines.next_line()).await {
        Err(_) => return Err(StartError::NoHandshake(timeout.as_secs())),
        Ok(Ok(Some(line))) => line,
        Ok(_) => return Err(StartError::ExitedEarly),
    };
    let addr = parse_handshake(&line)?;
    // Later stdout lines are discarded, as Grafana discards them; reading them keeps the
    // pipe from filling up.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let channel = Endpoint::from_shared(format!("http://{addr}"))
        .map_err(|e| StartError::Connect(e.to_string()))?
        .connect_timeout(Duration::from_secs(5))
        .connect()
        .await
        .map_err(|e| StartError::Connect(e.to_string()))?;
    Ok(Running { child, channel })
}

/// The plugin's stderr, line by line, into devserver's log at the line's own level: go-plugin's
/// hclog JSON (`@level`, `@message`), else the whole line at debug level.
async fn relay_log(plugin_id: String, stderr: tokio::process::ChildStderr) {
    let mut lines = BufReader::new(stderr).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let parsed: Option<serde_json::Value> = serde_json::from_str(&line).ok();
        let level = parsed
            .as_ref()
            .and_then(|v| v.get("@level"))
            .and_then(|l| l.as_str())
            .unwrap_or("debug")
            .to_ascii_lowercase();
        let message = parsed
            .as_ref()
            .and_then(|v| v.get("@message"))
            .and_then(|m| m.as_str())
            .map(str::to_owned)
            .unwrap_or(line);
        match level.as_str() {
            "error" => tracing::error!(plugin = %plugin_id, "{message}"),
            "warn" => tracing::warn!(plugin = %plugin_id, "{message}"),
            "info" => tracing::info!(plugin = %plugin_id, "{message}"),
            _ => tracing::debug!(plugin = %plugin_id, "{message}"),
        }
    }
}

/// A backend plugin kept running: [`BackendProcess::channel`] is the gRPC channel while the
/// process is up, `None` while it is down (Grafana's "Plugin unavailable").
#[derive(Clone)]
pub struct BackendProcess {
    /// The plugin's id.
    pub plugin_id: String,
    channel: Arc<RwLock<Option<Channel>>>,
    last_error: Arc<RwLock<Option<String>>>,
    stop: Arc<tokio::sync::Notify>,
}

impl BackendProcess {
    /// Starts `executable` with `env` and keeps it running (restarting it one second after
    /// it exits) until [`BackendProcess::stop`] or until devserver's runtime ends.
    pub fn spawn(
        plugin_id: &str,
        executable: PathBuf,
        env: Vec<(String, String)>,
        timeout: Duration,
    ) -> Self {
        let process = Self {
            plugin_id: plugin_id.to_owned(),
            channel: Arc::default(),
            last_error: Arc::default(),
            stop: Arc::default(),
        };
        let keeper = process.clone();
        tokio::spawn(async move { keeper.keep_alive(executable, env, timeout).await });
        process
    }

    async fn keep_alive(self, executable: PathBuf, env: Vec<(String, String)>, timeout: Duration) {
        loop {
            let started = tokio::select! {
                started = start(&executable, &env, timeout, &self.plugin_id) => started,
                () = self.stop.notified() => return,
            };
            match started {
                Ok(mut running) => {
                    tracing::info!(plugin = %self.plugin_id, "backend plugin started");
                    self.set(Some(running.channel.clone()), None);
                    let status = tokio::select! {
                        status = running.child.wait() => status,
                        () = self.stop.notified() => {
                            self.set(None, None);
                            let _ = running.child.kill().await;
                            return;
                        }
                    };
                    self.set(None, Some("the process exited".to_owned()));
                    match status {
                        Ok(s) => {
                            tracing::warn!(plugin = %self.plugin_id, status = %s, "backend plugin exited; restarting it in 1 s")
                        }
                        Err(e) => {
                            tracing::warn!(plugin = %self.plugin_id, error = %e, "backend plugin lost; restarting it in 1 s")
                        }
                    }
                }
                Err(err) => {
                    tracing::error!(plugin = %self.plugin_id, error = %err, "cannot start backend plugin; trying again in 1 s");
                    self.set(None, Some(err.to_string()));
                }
            }
            tokio::select! {
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
                () = self.stop.notified() => return,
            }
        }
    }

    fn set(&self, channel: Option<Channel>, error: Option<String>) {
        if let Ok(mut c) = self.channel.write() {
            *c = channel;
        }
        if let Ok(mut e) = self.last_error.write() {
            *e = error;
        }
    }

    /// The gRPC channel while the process is up.
    pub fn channel(&self) -> Option<Channel> {
        self.channel.read().ok().and_then(|c| c.clone())
    }

    /// Why the process is down (for devserver's own status), if it is.
    pub fn last_error(&self) -> Option<String> {
        self.last_error.read().ok().and_then(|e| e.clone())
    }

    /// Stops the process and does not start it again.
    pub fn stop(&self) {
        self.stop.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handshake_is_go_plugins_line() {
        assert_eq!(
            parse_handshake("1|2|tcp|127.0.0.1:40123|grpc\n").unwrap(),
            "127.0.0.1:40123"
        );
        for bad in [
            "",
            "hello",
            "1|1|tcp|127.0.0.1:1|grpc",
            "1|2|unix|/tmp/s|grpc",
            "1|2|tcp|127.0.0.1:1|netrpc",
            "1|2|tcp||grpc",
        ] {
            assert!(parse_handshake(bad).is_err(), "{bad}");
        }
    }
}
