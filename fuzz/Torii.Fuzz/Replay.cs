namespace Torii.Fuzz;

/// <summary>Runs saved inputs without afl: a crash file, or a whole corpus directory.</summary>
internal static class Replay
{
    /// <returns>0 when every input passed, 1 when any failed.</returns>
    public static int Run(IFuzzTarget target, string path, TextWriter output)
    {
        string[] files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [path];
        int failed = 0;
        foreach (string file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception exception)
            {
                failed++;
                output.WriteLine($"FAIL {file}: {exception}");
            }
        }

        output.WriteLine($"{target.Name}: {files.Length - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
