"""`summitline extract`: good documents give exit 0; every bad one a one-line error and exit 2."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

LEAD = (
    "June 16, 2021: Russian President Vladimir Putin met U.S. President Joe Biden in Geneva, "
    "Switzerland, for their first summit."
)
ARTICLE_HTML = f"""<html><head><title>T</title></head><body><article>
<p>{LEAD}</p>
<p>The two leaders talked for several hours in a lakeside villa, discussing arms control, cyber
security and the return of ambassadors to each other's capitals.</p>
<p>Both sides described the talks as businesslike, and officials said further consultations between
the two governments would follow in the coming months.</p>
</article></body></html>""".encode()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + bytes(64)


def meetings(out: str) -> list[tuple[str, list[str]]]:
    return [(m["date"], [p["name"] for p in m["participants"]]) for m in json.loads(out)["meetings"]]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- files ---------------------------------------------------------------------------------------


def test_missing_file(run_cli, assert_error, tmp_path):
    assert_error(*run_cli("extract", tmp_path / "nope.txt"), "nope.txt", "no such file")


def test_directory(run_cli, assert_error, tmp_path):
    assert_error(*run_cli("extract", tmp_path), "is a directory")


def test_empty_file(run_cli, assert_error, tmp_path):
    assert_error(*run_cli("extract", write(tmp_path, "empty.txt", b"")), "empty")


def test_whitespace_only_file_is_empty(run_cli, assert_error, tmp_path):
    assert_error(*run_cli("extract", write(tmp_path, "blank.txt", b" \n\t\n")), "empty")


def test_binary_file(run_cli, assert_error, tmp_path):
    assert_error(*run_cli("extract", write(tmp_path, "pic.txt", PNG)), "binary")


def test_undecodable_bytes(run_cli, assert_error, tmp_path):
    # no NUL and no control bytes, so not "binary"; not UTF-8; and charset_normalizer finds no
    # single-byte code page in which all 128 high bytes form plausible text, so it gives up
    path = write(tmp_path, "junk.txt", bytes(range(128, 256)) * 50)
    assert_error(*run_cli("extract", path), "cannot be decoded", "UTF-8")


def test_over_max_bytes_flag(run_cli, assert_error, tmp_path):
    path = write(tmp_path, "big.txt", b"a" * 1024)
    assert_error(*run_cli("extract", "--max-bytes", "100", path), "1024 bytes", "limit of 100")


def test_over_max_bytes_env(run_cli, assert_error, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMITLINE_MAX_BYTES", "100")
    assert_error(*run_cli("extract", write(tmp_path, "big.txt", b"a" * 1024)), "limit of 100")


def test_max_bytes_flag_beats_env(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMITLINE_MAX_BYTES", "100")
    code, out, err = run_cli(
        "extract", "--max-bytes", "5000", "-f", "json", write(tmp_path, "a.txt", LEAD.encode() * 8)
    )
    assert code == 0, err


def test_max_bytes_zero(run_cli, assert_error, tmp_path):
    assert_error(*run_cli("extract", "--max-bytes", "0", write(tmp_path, "a.txt", b"x")), "--max-bytes")


def test_bad_published_date(run_cli, assert_error, tmp_path):
    path = write(tmp_path, "a.txt", LEAD.encode())
    assert_error(*run_cli("extract", "--published", "16/06/2021", path), "--published", "YYYY-MM-DD")


# --- URLs (127.0.0.1 only) ------------------------------------------------------------------------


def test_unreachable_url(run_cli, assert_error, closed_port):
    url = f"http://127.0.0.1:{closed_port}/"
    assert_error(*run_cli("extract", "--allow-private", url), "cannot be reached")


@pytest.mark.parametrize("status", [404, 500])
def test_url_http_error(run_cli, assert_error, local_server, status):
    url = local_server.route("/page", status, "text/html", b"<html><body>oops</body></html>")
    assert_error(*run_cli("extract", "--allow-private", url), f"HTTP {status}")


def test_url_image(run_cli, assert_error, local_server):
    url = local_server.route("/pic.png", 200, "image/png", PNG)
    assert_error(*run_cli("extract", "--allow-private", url), "image/png")


def test_url_over_max_bytes(run_cli, assert_error, local_server):
    url = local_server.route("/big", 200, "text/plain", b"a" * 1024)
    assert_error(*run_cli("extract", "--allow-private", "--max-bytes", "100", url), "limit of 100")


def test_url_timeout(run_cli, assert_error, local_server):
    url = local_server.route("/slow", 200, "text/html", ARTICLE_HTML, delay=1.0)
    assert_error(*run_cli("extract", "--allow-private", "--timeout", "0.2", url), "timed out")


def test_private_url_refused(run_cli, assert_error, local_server):
    url = local_server.route("/", 200, "text/html", ARTICLE_HTML)
    assert_error(*run_cli("extract", url), "private address", "--allow-private")
    assert local_server.hits == []  # refused before any request was sent


def test_private_url_allowed_by_env(run_cli, local_server, monkeypatch):
    monkeypatch.setenv("SUMMITLINE_ALLOW_PRIVATE", "1")
    url = local_server.route("/a.html", 200, "text/html; charset=utf-8", ARTICLE_HTML)
    code, out, err = run_cli("extract", "-f", "json", url)
    assert code == 0, err


def test_good_html_page(run_cli, local_server):
    url = local_server.route("/article.html", 200, "text/html; charset=utf-8", ARTICLE_HTML)
    code, out, err = run_cli("extract", "--allow-private", "-f", "json", url)
    assert code == 0, err
    assert ("2021-06-16", ["Vladimir Putin", "Joe Biden"]) in meetings(out)
    assert json.loads(out)["source"]["url"] == url


def test_good_html_file_table(run_cli, tmp_path):
    code, out, err = run_cli("extract", write(tmp_path, "a.html", ARTICLE_HTML))
    assert code == 0, err
    assert "2021-06-16" in out and "Vladimir Putin" in out and "Joe Biden" in out


def test_jsonl_and_output_file(run_cli, tmp_path):
    dest = tmp_path / "out.jsonl"
    code, out, err = run_cli("extract", "-f", "jsonl", "-o", dest, write(tmp_path, "a.html", ARTICLE_HTML))
    assert code == 0 and out == "", err
    rows = [json.loads(line) for line in dest.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["source"]["path"].endswith("a.html") for r in rows)


# --- stdin, --show-text, --help ------------------------------------------------------------------


def test_stdin(run_cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(LEAD.encode())))
    code, out, err = run_cli("extract", "-f", "json", "-")
    assert code == 0, err
    assert ("2021-06-16", ["Vladimir Putin", "Joe Biden"]) in meetings(out)


def test_stdin_empty(run_cli, assert_error, monkeypatch):
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(b"")))
    assert_error(*run_cli("extract", "-"), "stdin", "empty")


def test_show_text_drops_repeated_paragraph(run_cli, tmp_path):
    para = "The two leaders talked for several hours about arms control and the return of ambassadors."
    path = write(tmp_path, "a.txt", f"{LEAD}\n\n{para}\n\n{para}\n".encode())
    code, out, err = run_cli("extract", "--show-text", path)
    assert code == 0, err
    assert out.count(para) == 1 and LEAD in out


def test_help_in_process(run_cli):
    code, out, err = run_cli("extract", "--help")
    assert code == 0 and "--max-bytes" in out


def test_python_m_help():
    proc = subprocess.run([sys.executable, "-m", "summitline", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "extract" in proc.stdout, proc.stderr


def test_console_script_help():
    exe = shutil.which("summitline", path=str(Path(sys.executable).parent)) or shutil.which("summitline")
    assert exe, "the summitline console script is not installed"
    proc = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "extract" in proc.stdout, proc.stderr


# --- known bugs in src (strict: they start failing, as a reminder, once the bug is fixed) --------


def test_output_to_missing_folder(run_cli, assert_error, tmp_path):
    path = write(tmp_path, "a.txt", LEAD.encode())
    assert_error(*run_cli("extract", "-o", tmp_path / "no" / "out.json", path), "out.json")


def test_bad_max_bytes_env(run_cli, assert_error, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMITLINE_MAX_BYTES", "lots")
    assert_error(*run_cli("extract", write(tmp_path, "a.txt", LEAD.encode())), "SUMMITLINE_MAX_BYTES")


def test_malformed_url(run_cli, assert_error):
    assert_error(*run_cli("extract", "http://127.0.0.1:abc/"), "127.0.0.1:abc")


# --- the program as a whole process ----------------------------------------------------------------


def _program(*argv: str | Path) -> subprocess.Popen[bytes]:
    """The program in a process of its own, its output buffered as in a user's pipe."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    command = [sys.executable, "-m", "summitline", *map(str, argv)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _long_article() -> bytes:
    return "\n\n".join(f"{LEAD} Aides listed {n} matters for the two delegations." for n in range(300)).encode()


def test_the_program_flushes_everything_before_it_ends(tmp_path):
    """A one-document command ends without the interpreter's clean-up (``__main__.end_now``): all of its
    output must still arrive, and its status be the command's."""
    doc = write(tmp_path, "lead.txt", _long_article())
    proc = _program("extract", doc, "--show-text")  # the extracted text: several buffers' worth
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and not err, err
    assert len(out) > 50_000 and out.rstrip().endswith(b"299 matters for the two delegations.")
    proc = _program("extract", doc, "--format", "json")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and meetings(out.decode()) and not err
    proc = _program("extract", doc, "--published", "2021-06-17")  # the table, then a short last line
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and out.decode().rstrip().endswith("published 2021-06-17 (given)")
    missing = _program("extract", tmp_path / "missing.txt")
    out, err = missing.communicate(timeout=120)
    assert missing.returncode == 2 and err.decode().startswith("summitline: error:") and not out


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    doc = write(tmp_path, "lead.txt", _long_article())
    proc = _program("extract", doc, "--format", "json", "--show-text")
    assert proc.stdout is not None
    proc.stdout.read(10)
    proc.stdout.close()  # `… | head -c 10`
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and proc.returncode == 0
