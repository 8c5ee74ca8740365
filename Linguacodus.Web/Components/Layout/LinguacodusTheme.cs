using MudBlazor;

namespace Linguacodus.Web.Components.Layout;

/// <summary>The app's MudBlazor theme: a calm indigo accent, flat surfaces with hairline borders, system fonts (no web fonts to fetch).</summary>
internal static class LinguacodusTheme
{
    private static readonly string[] SansSerif = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4f46e5",
            Secondary = "#0e7490",
            Tertiary = "#7c3aed",
            Info = "#2563eb",
            Success = "#15803d",
            Warning = "#b45309",
            Error = "#dc2626",
            Background = "#f6f7fb",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2937",
            TextPrimary = "#1f2937",
            TextSecondary = "#5b6475",
            LinesDefault = "#e5e7eb",
            TableLines = "#eef0f4",
            Divider = "#e5e7eb",
        },
        PaletteDark = new PaletteDark
        {
            // Light accents on a dark page: their text is dark, for contrast.
            Primary = "#818cf8",
            PrimaryContrastText = "#0b0d14",
            Secondary = "#22d3ee",
            SecondaryContrastText = "#0b0d14",
            Tertiary = "#a78bfa",
            Info = "#60a5fa",
            InfoContrastText = "#0b0d14",
            Success = "#4ade80",
            SuccessContrastText = "#0b0d14",
            Warning = "#fbbf24",
            WarningContrastText = "#0b0d14",
            Error = "#f87171",
            Background = "#0f1117",
            Surface = "#171a23",
            AppbarBackground = "#171a23",
            AppbarText = "#e5e7eb",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#9ca3af",
            LinesDefault = "#2a2f3a",
            TableLines = "#242833",
            Divider = "#2a2f3a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SansSerif },
            H4 = new H4Typography { FontFamily = SansSerif, FontWeight = "650", FontSize = "1.75rem", LineHeight = "1.25" },
            H5 = new H5Typography { FontFamily = SansSerif, FontWeight = "600", FontSize = "1.3rem", LineHeight = "1.3" },
            H6 = new H6Typography { FontFamily = SansSerif, FontWeight = "600", FontSize = "1.05rem", LineHeight = "1.4" },
            Button = new ButtonTypography { FontFamily = SansSerif, FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px", AppbarHeight = "60px" },
    };
}
