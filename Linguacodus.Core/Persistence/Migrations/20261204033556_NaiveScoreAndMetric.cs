using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linguacodus.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NaiveScoreAndMetric : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Metric",
                table: "runs",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "NaiveScore",
                table: "runs",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Metric",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "NaiveScore",
                table: "runs");
        }
    }
}
