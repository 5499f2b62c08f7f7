using Torii.Config.Toml;
using Torii.Connectors.Settings;
using Torii.Connectors.Web.Security;

namespace Torii.Connectors.Web.Settings;

/// <summary>
/// Reads the [[users]] (name, password_hash, role) and [[tokens]] (name, token_hash, role) tables of the
/// settings file. A role is "admin" or "read-only" (the default, so that a forgotten key gives less power).
/// </summary>
internal static class AccountsReader
{
    public static IReadOnlyList<WebAccount> Read(TomlTable file, string tableName, string hashKey)
    {
        if (!file.TryGetValue(tableName, out object? value))
        {
            return [];
        }

        if (value is not TomlArray { IsArrayOfTables: true } tables)
        {
            throw new SettingsException($"{Where(file, tableName)}: {tableName} must be an array of tables ([[{tableName}]])");
        }

        var accounts = new List<WebAccount>();
        for (int i = 0; i < tables.Count; i++)
        {
            var table = (TomlTable)tables[i];
            string where = tables.GetPosition(i).ToString();
            foreach (string key in table.Keys)
            {
                if (key is not ("name" or "role") && key != hashKey)
                {
                    throw new SettingsException($"{where}: unknown key \"{key}\" in [[{tableName}]]; the keys are: name, {hashKey}, role");
                }
            }

            string name = Text(table, "name", where, tableName);
            string hash = Text(table, hashKey, where, tableName);
            if (!PasswordHash.IsWellFormed(hash))
            {
                throw new SettingsException($"{where}: {hashKey} of \"{name}\" is not a hash printed by `torii-web hash-password`");
            }

            WebRole role = (table.TryGetValue("role", out object? roleValue) ? roleValue : "read-only") switch
            {
                "admin" => WebRole.Admin,
                "read-only" => WebRole.ReadOnly,
                var other => throw new SettingsException($"{where}: role of \"{name}\" must be \"admin\" or \"read-only\", not \"{other}\""),
            };
            if (accounts.Any(account => account.Name == name))
            {
                throw new SettingsException($"{where}: \"{name}\" appears twice in [[{tableName}]]");
            }

            accounts.Add(new WebAccount(name, hash, role));
        }

        return accounts;
    }

    private static string Text(TomlTable table, string key, string where, string tableName) =>
        table.TryGetValue(key, out object? value) && value is string text && text.Length > 0
            ? text
            : throw new SettingsException($"{where}: [[{tableName}]] needs a non-empty string {key}");

    private static string Where(TomlTable file, string key) =>
        file.TryGetValuePosition(key, out TomlPosition position) ? position.ToString() : key;
}
