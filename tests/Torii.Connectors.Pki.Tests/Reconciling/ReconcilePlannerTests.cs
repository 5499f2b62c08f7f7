using Torii.Connectors.Pki.Loading;
using Torii.Connectors.Pki.Reconciling;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Tests.Reconciling;

public sealed class ReconcilePlannerTests
{
    private static readonly IReadOnlySet<string> NoneUnusable = new HashSet<string>();

    [Fact]
    public void A_new_pair_is_added()
    {
        LoadedCertificate shop = Loaded("shop", "f1");

        Assert.Equal([new AddCertificateAction(shop)], Plan([shop], owned: [], present: []));
    }

    [Fact]
    public void A_pair_the_proxy_serves_already_is_left_alone_whoever_added_it()
    {
        LoadedCertificate ours = Loaded("ours", "f1");
        LoadedCertificate theirs = Loaded("theirs", "f2");

        Assert.Empty(Plan([ours, theirs], owned: [Owned(ours)], present: ["f1", "f2"]));
    }

    [Fact]
    public void A_renewed_pair_replaces_the_certificate_it_had()
    {
        LoadedCertificate renewed = Loaded("shop", "f2");
        OwnedCertificate previous = new("f1", "d-f1", "shop");

        Assert.Equal([new ReplaceCertificateAction(previous, renewed)], Plan([renewed], owned: [previous], present: ["f1"]));
    }

    [Fact]
    public void A_pair_whose_key_or_chain_changed_replaces_itself()
    {
        LoadedCertificate rewritten = Loaded("shop", "f1", digest: "d-new");
        OwnedCertificate previous = new("f1", "d-old", "shop");

        Assert.Equal([new ReplaceCertificateAction(previous, rewritten)], Plan([rewritten], owned: [previous], present: ["f1"]));
    }

    [Fact]
    public void A_renewal_of_a_certificate_someone_else_added_adds_and_leaves_theirs()
    {
        LoadedCertificate renewed = Loaded("shop", "f2");

        Assert.Equal([new AddCertificateAction(renewed)], Plan([renewed], owned: [], present: ["f1"]));
    }

    [Fact]
    public void Our_certificate_whose_files_are_gone_is_removed()
    {
        OwnedCertificate gone = new("f1", "d-f1", "shop");

        Assert.Equal([new RemoveCertificateAction(gone)], Plan([], owned: [gone], present: ["f1"]));
    }

    [Fact]
    public void A_certificate_we_did_not_add_is_never_removed()
    {
        Assert.Empty(Plan([], owned: [], present: ["f1", "f2"]));
    }

    [Fact]
    public void Our_certificate_whose_pair_is_unusable_for_now_is_kept()
    {
        OwnedCertificate served = new("f1", "d-f1", "shop");

        IReadOnlyList<CertificateAction> actions = ReconcilePlanner.Plan([], new HashSet<string> { "shop" }, [served], new HashSet<string> { "f1" });

        Assert.Empty(actions);
    }

    [Fact]
    public void Our_certificate_gone_from_the_proxy_is_added_again_while_its_files_are_there()
    {
        LoadedCertificate shop = Loaded("shop", "f1");

        Assert.Equal([new AddCertificateAction(shop)], Plan([shop], owned: [Owned(shop)], present: []));
    }

    [Fact]
    public void Our_certificate_gone_from_both_proxy_and_directory_is_forgotten()
    {
        OwnedCertificate gone = new("f1", "d-f1", "shop");

        Assert.Equal([new ForgetCertificateAction(gone)], Plan([], owned: [gone], present: []));
    }

    [Fact]
    public void A_moved_pair_keeps_its_certificate_under_the_new_name()
    {
        LoadedCertificate moved = Loaded("shop/shop", "f1");
        OwnedCertificate previous = new("f1", "d-f1", "shop");

        Assert.Equal([new RenameCertificateAction(previous, "shop/shop")], Plan([moved], owned: [previous], present: ["f1"]));
    }

    [Fact]
    public void The_same_certificate_in_two_files_is_added_once()
    {
        LoadedCertificate first = Loaded("a", "f1");
        LoadedCertificate copy = Loaded("b", "f1");

        Assert.Equal([new AddCertificateAction(first)], Plan([copy, first], owned: [], present: []));
    }

    [Fact]
    public void A_predecessor_still_wanted_by_another_file_is_not_replaced()
    {
        LoadedCertificate renewed = Loaded("shop", "f2");
        LoadedCertificate copyOfOld = Loaded("shop-copy", "f1");
        OwnedCertificate previous = new("f1", "d-f1", "shop");

        IReadOnlyList<CertificateAction> actions = Plan([renewed, copyOfOld], owned: [previous], present: ["f1"]);

        Assert.Equal([new AddCertificateAction(renewed), new RenameCertificateAction(previous, "shop-copy")], actions);
    }

    [Fact]
    public void Additions_come_before_removals()
    {
        LoadedCertificate added = Loaded("zeta", "f9");
        OwnedCertificate gone = new("f1", "d-f1", "alpha");

        IReadOnlyList<CertificateAction> actions = Plan([added], owned: [gone], present: ["f1"]);

        Assert.Equal([new AddCertificateAction(added), new RemoveCertificateAction(gone)], actions);
    }

    private static IReadOnlyList<CertificateAction> Plan(
        IReadOnlyList<LoadedCertificate> desired, IReadOnlyCollection<OwnedCertificate> owned, IReadOnlyList<string> present) =>
        ReconcilePlanner.Plan(desired, NoneUnusable, owned, present.ToHashSet(StringComparer.Ordinal));

    private static LoadedCertificate Loaded(string name, string fingerprint, string? digest = null) =>
        new(name, fingerprint, digest ?? $"d-{fingerprint}", [$"{name}.test"], DateTimeOffset.UnixEpoch, new CertificateAndKey());

    private static OwnedCertificate Owned(LoadedCertificate certificate) => new(certificate.Fingerprint, certificate.Digest, certificate.Name);
}
