using Torii.Connectors.Pki.Scanning;
using Torii.Connectors.Pki.Tests.Infrastructure;

namespace Torii.Connectors.Pki.Tests.Scanning;

public sealed class CertificateDirectoryScannerTests : IDisposable
{
    private readonly CertificateDirectory _directory = new();

    [Fact]
    public void Finds_pairs_in_sozu_layout_and_flat_layout()
    {
        _directory.WriteFile("flat.crt", "c");
        _directory.WriteFile("flat.key", "k");
        Directory.CreateDirectory(_directory.PathOf("shop"));
        _directory.WriteFile("shop/shop.crt", "c");
        _directory.WriteFile("shop/shop.key", "k");

        IReadOnlyList<CertificateFiles> found = CertificateDirectoryScanner.Scan(_directory.Path);

        Assert.Equal(
            [
                new CertificateFiles("flat", _directory.PathOf("flat.crt"), _directory.PathOf("flat.key")),
                new CertificateFiles("shop/shop", _directory.PathOf("shop/shop.crt"), _directory.PathOf("shop/shop.key")),
            ],
            found);
    }

    [Fact]
    public void A_half_of_a_pair_is_found_with_the_other_half_missing()
    {
        _directory.WriteFile("only-certificate.crt", "c");
        _directory.WriteFile("only-key.key", "k");

        IReadOnlyList<CertificateFiles> found = CertificateDirectoryScanner.Scan(_directory.Path);

        Assert.Equal(
            [
                new CertificateFiles("only-certificate", _directory.PathOf("only-certificate.crt"), null),
                new CertificateFiles("only-key", null, _directory.PathOf("only-key.key")),
            ],
            found);
    }

    [Fact]
    public void Ignores_other_files_hidden_files_and_subdirectory_files_not_named_after_it()
    {
        _directory.WriteFile("README.md", "x");
        _directory.WriteFile("site.pem", "x");
        _directory.WriteFile(".site.crt.tmp", "x");
        _directory.WriteFile(".hidden.crt", "x");
        Directory.CreateDirectory(_directory.PathOf("shop"));
        _directory.WriteFile("shop/other.crt", "x");
        _directory.WriteFile("shop/other.key", "x");
        Directory.CreateDirectory(_directory.PathOf(".git"));
        _directory.WriteFile(".git/.git.crt", "x");

        Assert.Empty(CertificateDirectoryScanner.Scan(_directory.Path));
    }

    [Fact]
    public void A_missing_directory_is_an_error_not_an_empty_directory()
    {
        Assert.Throws<DirectoryNotFoundException>(() => CertificateDirectoryScanner.Scan(_directory.PathOf("absent")));
    }

    public void Dispose() => _directory.Dispose();
}
