export default function Home() {
  return (
    <main>
      <h1>Knowledge Card</h1>
    </main>
  );
}
