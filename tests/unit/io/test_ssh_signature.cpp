// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/ssh_signature.hpp"

#include "quali/io/process.hpp"

#include "../temp_dir.hpp"

#include <doctest/doctest.h>

using namespace quali;
namespace fs = std::filesystem;

namespace {

// A public key file's one line.
std::string read(const fs::path& p)
{
    std::string text = testing::read_text(p);
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

// A throwaway ed25519 key without passphrase in dir; false when ssh-keygen cannot make one.
bool make_key(const fs::path& dir)
{
    const auto r = io::run_process(
        {"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", (dir / "id").string()}, "");
    return r && r->exit_code == 0 && fs::exists(dir / "id.pub");
}

} // namespace

TEST_SUITE("io::ssh_signature")
{
    TEST_CASE("a malformed public key or principal is invalid, without running ssh-keygen on it")
    {
        if (!io::program_in_path("ssh-keygen")) return; // then "unavailable", tested below
        const core::SignatureCheck two_lines = io::ssh_verify(
            "a.martin", "ssh-ed25519 AAAA\nssh-ed25519 BBBB", "sig", "m", "quali-visa", core::Lang::en);
        CHECK(two_lines.verdict == core::SignatureVerdict::invalid);
        CHECK(two_lines.detail == "malformed public key or identifier");
        const core::SignatureCheck spaced =
            io::ssh_verify("a martin", "ssh-ed25519 AAAA", "sig", "m", "quali-visa", core::Lang::fr);
        CHECK(spaced.verdict == core::SignatureVerdict::invalid);
        CHECK(spaced.detail == "clé publique ou identifiant mal formé");
        CHECK(io::ssh_verify("a,b", "ssh-ed25519 AAAA", "sig", "m", "ns", core::Lang::fr).verdict ==
              core::SignatureVerdict::invalid);
    }

    TEST_CASE("a signature that is not one is invalid, with ssh-keygen's words")
    {
        if (!io::program_in_path("ssh-keygen")) return;
        const core::SignatureCheck c = io::ssh_verify("a.martin", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO",
                                                      "garbage", "m", "quali-visa", core::Lang::fr);
        CHECK(c.verdict == core::SignatureVerdict::invalid);
        CHECK_FALSE(c.detail.empty());
        CHECK(c.detail.find('\n') == std::string::npos);
    }

    TEST_CASE("signing with a missing key fails with a message naming the key")
    {
        if (!io::program_in_path("ssh-keygen")) return;
        const testing::TempDir dir;
        const io::SshSignature s = io::ssh_sign(dir.path / "absent", "quali-visa", "m", core::Lang::en);
        CHECK(s.armoured.empty());
        CHECK(s.error.starts_with("ssh-keygen could not sign with " + (dir.path / "absent").string() + ": "));
    }

    TEST_CASE("a throwaway key signs; the signature verifies for that key, message and namespace only")
    {
        const testing::TempDir dir;
        if (!io::program_in_path("ssh-keygen") || !make_key(dir.path)) return;
        const std::string message = "quali-visa v1\norganisme: oph-nord\n";
        const io::SshSignature s =
            io::ssh_sign(dir.path / "id", core::visa_namespace, message, core::Lang::fr);
        REQUIRE(s.error.empty());
        CHECK(s.armoured.starts_with("-----BEGIN SSH SIGNATURE-----"));
        const std::string key = read(dir.path / "id.pub");
        const core::SignatureVerifier verify = io::visa_verifier(core::Lang::fr);
        CHECK(verify("a.martin", key, s.armoured, message).verdict == core::SignatureVerdict::valid);
        CHECK(verify("a.martin", key, s.armoured, message + "x").verdict == core::SignatureVerdict::invalid);
        CHECK(
            io::ssh_verify("a.martin", key, s.armoured, message, "other-namespace", core::Lang::fr).verdict ==
            core::SignatureVerdict::invalid);
        // Another key does not verify it.
        const testing::TempDir other;
        REQUIRE(make_key(other.path));
        CHECK(verify("a.martin", read(other.path / "id.pub"), s.armoured, message).verdict ==
              core::SignatureVerdict::invalid);
    }
}
