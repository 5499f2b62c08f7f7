namespace Torii.Connectors.Pki.Watching;

/// <summary>Why the connector runs a pass.</summary>
internal enum Wake
{
    /// <summary>Files changed and have been quiet for the debounce time.</summary>
    Changed,

    /// <summary>The rescan interval passed without any change.</summary>
    Rescan,
}
